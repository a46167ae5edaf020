import assert from 'node:assert/strict';
import {
  MAX_GPU_LINES,
  MAX_LINE_LENGTH,
  NVIDIA_SMI_ARGS,
  NVIDIA_SMI_PROGRAM,
  parseNvidiaSmiCsv,
  readNvidiaSmi,
} from '../../../../src/core/utilisation/nvidiaSmi';

function unavailable(result: ReturnType<typeof readNvidiaSmi>): string {
  assert.ok('unavailable' in result, `expected a refusal, got ${JSON.stringify(result)}`);
  return result.unavailable;
}

describe('nvidia-smi', () => {
  it('runs a fixed program with a fixed argument list, no shell text', () => {
    assert.equal(NVIDIA_SMI_PROGRAM, 'nvidia-smi');
    assert.deepEqual(NVIDIA_SMI_ARGS, [
      '--query-gpu=index,name,utilization.gpu,memory.used,memory.total',
      '--format=csv,noheader,nounits',
    ]);
  });

  it('reads every GPU of a multi-GPU pod, in index order', () => {
    const out = '1, NVIDIA H100 80GB HBM3, 97, 71234, 81559\r\n0, NVIDIA H100 80GB HBM3, 0, 4, 81559\n';
    assert.deepEqual(readNvidiaSmi({ stdout: out, exitCode: 0 }), {
      gpus: [
        { index: 0, name: 'NVIDIA H100 80GB HBM3', utilisationPercent: 0, memoryUsedMiB: 4, memoryTotalMiB: 81559 },
        {
          index: 1,
          name: 'NVIDIA H100 80GB HBM3',
          utilisationPercent: 97,
          memoryUsedMiB: 71234,
          memoryTotalMiB: 81559,
        },
      ],
    });
  });

  it('a figure the GPU does not report is left out, not read as 0', () => {
    const result = parseNvidiaSmiCsv('0, [N/A], [N/A], [Not Supported], 24576\n');
    assert.deepEqual(result, { gpus: [{ index: 0, memoryTotalMiB: 24576 }] });
  });

  it('the GPU name is cleaned: no control characters, no bidi override, no link, bounded', () => {
    const result = parseNvidiaSmiCsv(`0, \u202eevil](command:x) \u001b[31m${'A'.repeat(300)}, 1, 2, 3`);
    assert.ok('gpus' in result);
    const name = result.gpus[0].name!;
    assert.doesNotMatch(name, /[\u202e\u001b]|\]\(/);
    assert.ok(name.length <= 64);
  });

  const refusals: Array<[string, string, RegExp]> = [
    [
      'a header line',
      'index, name, utilization.gpu [%], memory.used [MiB], memory.total [MiB]',
      /line 1 .*not a number/,
    ],
    ['too many fields (a comma in the name)', '0, Tesla, T4, 3, 10, 15360', /line 1 \(6 fields, expected 5\)/],
    ['too few fields', '0, Tesla T4, 3', /line 1 \(3 fields, expected 5\)/],
    ['a negative utilisation', '0, Tesla T4, -3, 10, 15360', /utilisation is negative/],
    ['utilisation over 100 %', '0, Tesla T4, 101, 10, 15360', /utilisation is over 100/],
    ['units left in', '0, Tesla T4, 3 %, 10 MiB, 15360 MiB', /utilisation is not a number/],
    ['a hexadecimal figure', '0, Tesla T4, 0x10, 10, 15360', /utilisation is not a number/],
    ['an absurd memory size', '0, Tesla T4, 3, 10, 99999999', /memory total is over/],
    ['a non-numeric index', 'GPU-0, Tesla T4, 3, 10, 15360', /GPU index is not a number/],
    ['the same GPU twice', '0, Tesla T4, 3, 10, 15360\n0, Tesla T4, 3, 10, 15360', /line 2 \(GPU 0 listed twice\)/],
    ['garbage', 'Welcome to Ubuntu 22.04', /line 1/],
  ];
  for (const [what, stdout, reason] of refusals) {
    it(`refuses ${what}, naming the line`, () => {
      assert.match(unavailable(readNvidiaSmi({ stdout, exitCode: 0 })), reason);
    });
  }

  it('names the line that is wrong, after good ones', () => {
    const why = unavailable(parseNvidiaSmiCsv('0, T4, 1, 2, 3\n\n1, T4, lots, 2, 3\n'));
    assert.match(why, /^cannot read nvidia-smi line 3 \(utilisation is not a number\): "1, T4, lots, 2, 3"$/);
  });

  it('bounds the output: too many lines, too long a line, too much text', () => {
    const line = '0, T4, 1, 2, 3\n';
    assert.match(unavailable(parseNvidiaSmiCsv(line.repeat(MAX_GPU_LINES + 1))), /more than the 64 GPUs/);
    assert.match(
      unavailable(parseNvidiaSmiCsv(`0, ${'x'.repeat(MAX_LINE_LENGTH)}, 1, 2, 3`)),
      /line 1 \(longer than 512 characters\)/,
    );
    assert.match(unavailable(parseNvidiaSmiCsv('x'.repeat(10_000_000))), /more than \d+ characters/);
  });

  it('quotes at most a short, cleaned piece of a bad line', () => {
    const why = unavailable(parseNvidiaSmiCsv(`0, T4, nope, 2, 3${' '.repeat(100)}\u0007${'z'.repeat(400)}`));
    assert.ok(why.length < 200, why);
    assert.doesNotMatch(why, /\u0007/);
  });

  it('no GPU listed is "unavailable", never an idle pod', () => {
    assert.equal(unavailable(readNvidiaSmi({ stdout: '\n', exitCode: 0 })), 'nvidia-smi listed no GPU');
  });

  it("the driver's failure message becomes the reason", () => {
    const stdout =
      "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n";
    const why = unavailable(readNvidiaSmi({ stdout, exitCode: 9 }));
    assert.match(why, /^the GPU driver is not answering \(nvidia-smi: "NVIDIA-SMI has failed because/);
    assert.match(
      unavailable(readNvidiaSmi({ stdout: 'No devices were found\n', exitCode: 6 })),
      /No devices were found/,
    );
    assert.match(
      unavailable(readNvidiaSmi({ stdout: '', stderr: 'Failed to initialize NVML: Driver/library version mismatch' })),
      /Driver\/library version mismatch/,
    );
  });

  it('a pod without nvidia-smi says so', () => {
    assert.equal(
      unavailable(readNvidiaSmi({ stdout: '', stderr: 'bash: nvidia-smi: command not found', exitCode: 127 })),
      'nvidia-smi is not installed on the pod',
    );
    assert.equal(
      unavailable(readNvidiaSmi({ stdout: '', stderr: 'sh: 1: nvidia-smi: not found' })),
      'nvidia-smi is not installed on the pod',
    );
  });

  it('any other failure gives its exit status and first line, even when stdout looks fine', () => {
    const why = unavailable(
      readNvidiaSmi({ stdout: '0, T4, 1, 2, 3', stderr: '\nsomething broke\nmore', exitCode: 2 }),
    );
    assert.equal(why, 'nvidia-smi failed (exit status 2): "something broke"');
  });
});
