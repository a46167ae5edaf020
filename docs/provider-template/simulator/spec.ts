// → test/simulator/mycloud/spec.ts. Written from the cloud's published API, never from our client: cite the
// document next to every endpoint; a field the documents do not name is refused.
import type { CloudSpec } from '../spec/types';

const SOURCE = 'https://docs.mycloud.example/api (GPU pods reference)';

export const mycloudSpec: CloudSpec = {
  cloud: 'mycloud',
  sources: [SOURCE],
  endpoints: [
    {
      id: 'pods.list',
      method: 'GET',
      path: '/pods',
      source: `${SOURCE}#list-pods`,
      response: {
        type: 'object',
        fields: {
          pods: {
            type: 'array',
            items: {
              type: 'object',
              fields: {
                id: { type: 'string' },
                name: { type: 'string' },
                status: { type: 'string', enum: ['creating', 'running', 'stopped'] },
              },
            },
          },
        },
      },
    },
  ],
  // The cloud's documented refusal (its status and envelope).
  refuse: (violations) => ({ status: 400, body: { message: violations.map((v) => v.message).join('; ') } }),
};
