import * as vscode from 'vscode';
import type { Pod } from '../core/model';
import type { Capabilities } from '../core/capabilities';
import { actionVerb } from '../ui/actionLabels';
import { displayMarkdown, displayText, formatDate, formatPrice, gpuLabel, statusText } from './format';
import type { PodNode } from './nodes';
import { contextValue, podMenuFlags } from './menuFlags';
import { statusIcon } from './statusIcon';

export function podItem(
  node: PodNode,
  capabilities: Capabilities | undefined,
  /** Extra tooltip rows (the idle guard's timer); a row makes the pod `+idleTimer`. */
  extra: Array<[string, string]> = [],
): vscode.TreeItem {
  const { pod, account } = node;
  const item = new vscode.TreeItem(displayText(pod.name || pod.id), vscode.TreeItemCollapsibleState.None);
  item.id = `pod:${account.id}:${pod.id}`;
  item.description = displayText(
    [
      gpuLabel(pod),
      pod.region,
      formatPrice(pod.pricePerHour),
      statusText(pod) + (pod.pending ? ' (operation pending)' : ''),
    ]
      .filter(Boolean)
      .join(' · '),
  );
  item.iconPath = statusIcon(pod.status, pod.pending);
  // The tooltip is built in resolveTreeItem, when the user hovers: building 500 of them up front
  // costs more than the rest of the tree.
  item.contextValue = contextValue(
    'pod',
    podMenuFlags(
      pod,
      capabilities,
      extra.some(([label]) => label === 'Idle guard'),
    ),
  );
  item.accessibilityInformation = { label: `${displayText(pod.name || pod.id)}, ${item.description}` };
  return item;
}

/** Untrusted values only, all escaped: the tooltip can never carry a link or a command. */
export function podTooltip(
  pod: Pod,
  capabilities?: Capabilities,
  extra: Array<[string, string]> = [],
): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  const rows: Array<[string, string | undefined]> = [
    ['Status', statusText(pod) + (pod.statusReason ? ` — ${pod.statusReason}` : '')],
    ['GPU', gpuLabel(pod) + (pod.vramGb ? ` (${pod.vramGb} GB VRAM)` : '')],
    ['Region', pod.region],
    ['Price', formatPrice(pod.pricePerHour) ?? 'price unknown'],
    ['Image', pod.image],
    ['Ports', pod.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || undefined],
    [
      'SSH',
      pod.ssh
        ? `${pod.ssh.user}@${pod.ssh.host}:${pod.ssh.port}`
        : pod.status === 'running'
          ? 'not reachable yet'
          : undefined,
    ],
    ['Created', formatDate(pod.createdAt)],
    ...pod.details.map(([k, v]) => [k, v] as [string, string]),
    ...extra,
    ['Id', pod.id],
  ];
  if (capabilities && !capabilities.podActions.has('stop')) {
    rows.push(['Stop', `not offered by this cloud: ${actionVerb(capabilities, 'terminate')} the pod to stop billing`]);
  }
  md.appendMarkdown(`**${displayMarkdown(pod.name || pod.id)}**\n\n`);
  for (const [label, value] of rows) {
    if (value && value !== 'undefined')
      md.appendMarkdown(`${displayMarkdown(label)}: ${displayMarkdown(value, { maxLength: 500 })}  \n`);
  }
  return md;
}
