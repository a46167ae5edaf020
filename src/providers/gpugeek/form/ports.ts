import { answerString, type FormField } from '../../../core/createForm';
import { isValidPort } from '../../../core/sshCommand';
import { l10n } from '../../../core/l10n';

export const MAX_CUSTOM_PORTS = 3;

/** "8080, 8888" → [8080, 8888]; undefined when the text is not a list of valid ports. */
export function parsePorts(text: string | undefined): number[] | undefined {
  const t = (text ?? '').trim();
  if (t === '') return [];
  const parts = t.split(/[\s,]+/).filter(Boolean);
  const ports = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  return ports.every(isValidPort) ? ports : undefined;
}

/** Error text for a TCP + HTTP port pair, or undefined when GPUGeek will accept it. */
export function validatePorts(tcp: readonly number[], http: readonly number[]): string | undefined {
  const all = [...tcp, ...http];
  if (all.length > MAX_CUSTOM_PORTS)
    return l10n.t('GPUGeek opens at most {0} custom ports (TCP and HTTP together).', MAX_CUSTOM_PORTS);
  if (new Set(all).size !== all.length) return l10n.t('Each port may be listed only once.');
  if (all.includes(22)) return l10n.t('Port 22 is already used for SSH.');
  return undefined;
}

function portsError(value: string, other: string | undefined, tcpFirst: boolean): string | undefined {
  const mine = parsePorts(value);
  if (!mine) return l10n.t('Enter port numbers (1–65535) separated by commas, or leave empty.');
  const theirs = parsePorts(other) ?? [];
  return tcpFirst ? validatePorts(mine, theirs) : validatePorts(theirs, mine);
}

/** TCP then HTTP ports; each step checks the pair together (GPUGeek's limit is on both). */
export function portSteps(): FormField[] {
  return [
    {
      kind: 'text',
      id: 'tcpPorts',
      title: l10n.t('TCP ports'),
      prompt: l10n.t(
        'Ports inside the instance to expose over TCP, comma separated (at most {0} TCP + HTTP)',
        MAX_CUSTOM_PORTS,
      ),
      initial: () => '',
      validate: (v, a) => portsError(v, answerString(a, 'httpPorts'), true),
    },
    {
      kind: 'text',
      id: 'httpPorts',
      title: l10n.t('HTTP ports'),
      prompt: l10n.t(
        'Ports inside the instance to expose over HTTPS, comma separated (at most {0} TCP + HTTP)',
        MAX_CUSTOM_PORTS,
      ),
      initial: () => '',
      validate: (v, a) => portsError(v, answerString(a, 'tcpPorts'), false),
    },
  ];
}
