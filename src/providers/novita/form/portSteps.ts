import type { FormField } from '../../../core/createForm';
import { formatPorts, JUPYTER_PORT, parsePorts } from '../ports';
import { type NovitaCatalog, str } from './catalog';

/** Jupyter on or off, then the extra ports (the template's by default). */
export function portSteps(cat: NovitaCatalog): FormField[] {
  const { toolPorts, template } = cat;
  return [
    {
      kind: 'pick',
      id: 'jupyter',
      title: 'Jupyter',
      async options() {
        return [
          { label: 'Jupyter on', description: `port ${JUPYTER_PORT}`, value: true, picked: true },
          { label: 'Jupyter off', value: false },
        ];
      },
    },
    {
      kind: 'text',
      id: 'ports',
      title: 'Ports',
      prompt: 'Extra ports, e.g. 8080/tcp,8081/http (2222–2224 are reserved)',
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
