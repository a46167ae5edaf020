import type * as vscode from 'vscode';
import type { SavedImage } from '../core/savedImages';
import { windowState } from './windowState';

/** Where the saved images live in global state. */
export const SAVED_IMAGES_KEY = 'gpuPods.savedImages';

/** At most this many per account are kept (the oldest go first): the image step lists them all. */
const MAX_PER_ACCOUNT = 50;

interface Stored extends SavedImage {
  accountId: string;
}

function isStored(v: unknown): v is Stored {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  return (
    typeof s.accountId === 'string' &&
    typeof s.image === 'string' &&
    typeof s.jobId === 'string' &&
    typeof s.savedAt === 'number' &&
    typeof s.done === 'boolean' &&
    (s.credentialId === undefined || typeof s.credentialId === 'string') &&
    (s.podName === undefined || typeof s.podName === 'string')
  );
}

/**
 * The images GPU Pods saved from pods (Novita's save-image job), per account, so the create wizard can offer
 * them: Novita's instance API lists no saved images. Image references, job and credential ids only — never a
 * password. No `vscode` at run time: unit-tested with a fake memento.
 */
export class SavedImages {
  private readonly memento: Pick<vscode.Memento, 'get' | 'update'>;

  constructor(memento: Pick<vscode.Memento, 'get' | 'update'>) {
    // the image just saved must be offered at once, whatever global state echoes back meanwhile
    this.memento = windowState(memento);
  }

  private read(): Stored[] {
    const raw = this.memento.get<unknown>(SAVED_IMAGES_KEY);
    return Array.isArray(raw) ? raw.filter(isStored) : [];
  }

  of(accountId: string): SavedImage[] {
    return this.read()
      .filter((s) => s.accountId === accountId)
      .map(({ accountId: _a, ...image }) => image);
  }

  /** Keeps a save GPU Pods started; a newer save to the same reference replaces the older one. */
  async add(accountId: string, image: SavedImage): Promise<void> {
    const others = this.read().filter((s) => !(s.accountId === accountId && s.image === image.image));
    const mine = others.filter((s) => s.accountId === accountId);
    const drop = new Set(mine.slice(0, Math.max(0, mine.length - MAX_PER_ACCOUNT + 1)));
    await this.memento.update(SAVED_IMAGES_KEY, [...others.filter((s) => !drop.has(s)), { ...image, accountId }]);
  }

  /** The cloud said the save ended well. */
  async markDone(accountId: string, jobId: string): Promise<void> {
    await this.memento.update(
      SAVED_IMAGES_KEY,
      this.read().map((s) => (s.accountId === accountId && s.jobId === jobId ? { ...s, done: true } : s)),
    );
  }

  /** The save failed: the image does not exist, so it is not offered. */
  async forget(accountId: string, jobId: string): Promise<void> {
    await this.memento.update(
      SAVED_IMAGES_KEY,
      this.read().filter((s) => !(s.accountId === accountId && s.jobId === jobId)),
    );
  }
}
