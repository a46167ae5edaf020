// @ts-check
// The import graph of src/ and its cycles. Every way one file names another counts: `import`, `import type`,
// `export … from`, `import('…')` and `import x = require('…')`. A type-only cycle is still a cycle: the files
// cannot be type-checked, packaged or understood one without the other (it was how src/core reached every
// provider through one `import type { CloudId }`). `npm run lint` runs this file; tests call `importCycles`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Every .ts file under `dir` (relative to `root`, with forward slashes). */
function tsFiles(root, dir) {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return tsFiles(root, path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file a relative specifier names (`./x` → `x.ts` or `x/index.ts`); undefined for packages. */
function resolveSpecifier(root, from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(root, dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(root, candidate).split('\\').join('/');
  }
  return undefined;
}

/**
 * The import graph of the .ts files under `dirs` of the tree at `root`: file → the files it imports.
 * @param {string} root
 * @param {string[]} [dirs]
 * @returns {Map<string, string[]>}
 */
export function importGraph(root, dirs = ['src']) {
  const graph = new Map();
  for (const file of dirs.flatMap((d) => tsFiles(root, d))) {
    const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
    const targets = info.importedFiles
      .map((f) => resolveSpecifier(root, file, f.fileName))
      .filter((t) => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/**
 * The graph's cycles, one per strongly connected component of more than one file (or a file importing itself),
 * each as the files of one closed path through it: `a.ts → b.ts → a.ts`.
 * @param {Map<string, string[]>} graph
 * @returns {Array<{ files: string[], path: string[] }>}
 */
export function cyclesOf(graph) {
  // Tarjan's strongly connected components, iterative (deep chains would overflow the stack).
  let index = 0;
  const indexOf = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const components = [];
  for (const start of graph.keys()) {
    if (indexOf.has(start)) continue;
    const work = [{ node: start, next: 0 }];
    indexOf.set(start, index);
    low.set(start, index++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next++];
        if (!graph.has(to)) continue;
        if (!indexOf.has(to)) {
          indexOf.set(to, index);
          low.set(to, index++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node), indexOf.get(to)));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) === indexOf.get(frame.node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && edges.includes(frame.node);
        if (component.length > 1 || selfLoop) components.push(component.sort());
      }
    }
  }
  return components.map((component) => ({
    files: component,
    path: closedPath(graph, new Set(component), component[0]),
  }));
}

/** The shortest path from `start` back to itself inside the component (breadth first). */
function closedPath(graph, members, start) {
  const previous = new Map();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift();
    for (const to of graph.get(node) ?? []) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]));
        return [...path, start];
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

/**
 * Each cycle of the tree's src/ as one line: how many files it joins and one closed path through them.
 * @param {string} root
 * @returns {string[]}
 */
export function importCycles(root) {
  const graph = importGraph(root);
  return cyclesOf(graph).map(
    ({ files, path }) => `import cycle through ${files.length} files, for one: ${path.join(' → ')}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const problems = importCycles(root);
  if (problems.length) {
    console.error(`${problems.join('\n')}\n(type-only imports count: move what both sides need into a leaf module)`);
    process.exit(1);
  }
}
