import type { FormField } from '../../../core/createForm';
import { formatPorts, JUPYTER_PORT, parsePorts } from '../ports';
import { type NovitaCatalog, str } from './catalog';
import { l10n } from '../../../core/l10n';

/** Jupyter on or off, then the extra ports (the template's by default). */
export function portSteps(cat: NovitaCatalog): FormField[] {
  const { toolPorts, template } = cat;
  return [
    {
      kind: 'pick',
      id: 'jupyter',
      title: l10n.t('Jupyter'),
      async options() {
        return [
          { label: l10n.t('Jupyter on'), description: l10n.t('port {0}', JUPYTER_PORT), value: true, picked: true },
          { label: l10n.t('Jupyter off'), value: false },
        ];
      },
    },
    {
      kind: 'text',
      id: 'ports',
      title: l10n.t('Ports'),
      prompt: l10n.t('Extra ports, e.g. 8080/tcp,8081/http (2222–2224 are reserved)'),
      initial: (a) => {
        const t = template(a);
        const specs = (t?.ports ?? []).flatMap((g) =>
          (g.ports ?? []).map((port) => `${port}/${str(g.type) === 'http' ? 'http' : 'tcp'}`),
        );
        const ok = parsePorts(specs.join(','), toolPorts(a));
        return ok.ok ? formatPorts(ok.ports) : '';
      },
      validate: (v, a) => {
        const r = parsePorts(v, toolPorts(a));
        return r.ok ? undefined : r.error;
      },
    },
  ];
}
