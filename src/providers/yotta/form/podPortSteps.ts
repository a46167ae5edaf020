import { type Answers, answerStrings, answerString, type FormField } from '../../../core/createForm';
import { type ExposedPort, parsePorts } from '../formInput';
import { l10n } from '../../../core/l10n';
import type { PrefillPort } from '../../../core/podPrefill';

const PORT_CHOICES: Array<{ value: string; label: string; picked: boolean }> = [
  { value: '22/SSH', label: l10n.t('SSH (22)'), picked: true },
  { value: '8888/HTTP', label: l10n.t('Jupyter (8888)'), picked: true },
  { value: '6006/HTTP', label: l10n.t('TensorBoard (6006)'), picked: false },
  { value: '7860/HTTP', label: l10n.t('Gradio (7860)'), picked: false },
  { value: '8000/HTTP', label: l10n.t('HTTP API (8000)'), picked: false },
];

/** The ports picked plus the ones typed, each port once (the first protocol given wins). */
export function selectedPorts(answers: Answers): ExposedPort[] {
  const picked = parsePorts(answerStrings(answers, 'ports').join(','));
  const custom = parsePorts(answerString(answers, 'customPorts') ?? '');
  const all = [...('ports' in picked ? picked.ports : []), ...('ports' in custom ? custom.ports : [])];
  return all.filter((p, i) => all.findIndex((q) => q.port === p.port) === i);
}

/** Exposed ports: common ones to tick, then more to type. */
export function podPortSteps(): FormField[] {
  return [
    {
      kind: 'multiPick',
      id: 'ports',
      title: l10n.t('Exposed ports'),
      async options() {
        return PORT_CHOICES.map((p) => ({ label: p.label, value: p.value, picked: p.picked }));
      },
    },
    {
      kind: 'text',
      id: 'customPorts',
      title: l10n.t('More ports (optional)'),
      prompt: l10n.t('Extra ports, e.g. 8080/http, 9000/tcp (empty for none)'),
      initial: () => '',
      validate: (v) => {
        const r = parsePorts(v);
        return 'error' in r ? r.error : undefined;
      },
    },
  ];
}

/** The ports step's answers for ports read from a pod: the common ones ticked, the others typed. */
export function portAnswers(ports: readonly PrefillPort[]): { ports: string[]; customPorts: string } {
  const values = ports.map((p) => `${p.port}/${p.protocol.toUpperCase()}`);
  const common = new Set(PORT_CHOICES.map((c) => c.value));
  return {
    ports: values.filter((v) => common.has(v)),
    customPorts: values
      .filter((v) => !common.has(v))
      .map((v) => v.toLowerCase())
      .join(', '),
  };
}
