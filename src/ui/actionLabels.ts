import * as vscode from 'vscode';
import type { CloudFacts, PodAction } from '../core/provider';

type Words = Pick<CloudFacts, 'stopWord' | 'terminateWord'>;

/** When the cloud is not known yet (its provider was never built), the plain words. */
const PLAIN: Words = { stopWord: 'stop', terminateWord: 'delete' };

/** A pod action in the cloud's own word, as a button or title: "Pause" on Yotta, "Release" on GPUGeek. */
export function actionLabel(facts: Words | undefined, action: PodAction): string {
  const { stopWord, terminateWord } = facts ?? PLAIN;
  switch (action) {
    case 'stop':
      return stopWord === 'pause' ? vscode.l10n.t('Pause') : vscode.l10n.t('Stop');
    case 'start':
      return stopWord === 'pause' ? vscode.l10n.t('Resume') : vscode.l10n.t('Start');
    case 'restart':
      return vscode.l10n.t('Restart');
    case 'terminate':
      return terminateWord === 'release'
        ? vscode.l10n.t('Release')
        : terminateWord === 'delete'
          ? vscode.l10n.t('Delete')
          : vscode.l10n.t('Terminate');
  }
}

/** The same word inside a sentence ("GPU Pods will pause it in 5m"). */
export function actionVerb(facts: Words | undefined, action: PodAction): string {
  const { stopWord, terminateWord } = facts ?? PLAIN;
  switch (action) {
    case 'stop':
      return stopWord === 'pause' ? vscode.l10n.t('pause') : vscode.l10n.t('stop');
    case 'start':
      return stopWord === 'pause' ? vscode.l10n.t('resume') : vscode.l10n.t('start');
    case 'restart':
      return vscode.l10n.t('restart');
    case 'terminate':
      return terminateWord === 'release'
        ? vscode.l10n.t('release')
        : terminateWord === 'delete'
          ? vscode.l10n.t('delete')
          : vscode.l10n.t('terminate');
  }
}
