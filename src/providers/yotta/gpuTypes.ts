/** The GPU types table from Yotta's API guide: code → display name and VRAM. `/v2/vms/types` gives no names. */
export interface GpuTypeInfo {
  name: string;
  vramGb?: number;
}

export const GPU_TYPES: Readonly<Record<string, GpuTypeInfo>> = {
  NVIDIA_RTX_4090_24G: { name: 'RTX 4090', vramGb: 24 },
  NVIDIA_RTX_5090_32G: { name: 'RTX 5090', vramGb: 32 },
  NVIDIA_RTX_A6000_48G: { name: 'RTX A6000', vramGb: 48 },
  NVIDIA_RTX_6000_Ada_48G: { name: 'RTX 6000 Ada', vramGb: 48 },
  NVIDIA_A100_PCIe_40G: { name: 'A100 PCIe 40G', vramGb: 40 },
  NVIDIA_A100_40G: { name: 'A100 40G', vramGb: 40 },
  NVIDIA_A100_PCIe_80G: { name: 'A100 PCIe 80G', vramGb: 80 },
  NVIDIA_A100_80G: { name: 'A100 80GB', vramGb: 80 },
  NVIDIA_H100_PCIe_80G: { name: 'H100 PCIe', vramGb: 80 },
  NVIDIA_H100_80G: { name: 'H100', vramGb: 80 },
  NVIDIA_RTX_PRO_6000_96G: { name: 'RTX PRO 6000', vramGb: 96 },
  NVIDIA_H200_141G: { name: 'H200', vramGb: 141 },
  NVIDIA_B200_180G: { name: 'B200', vramGb: 180 },
  NVIDIA_B300_262G: { name: 'B300', vramGb: 262 },
  AWS_Trainium_32G: { name: 'Trainium1', vramGb: 32 },
  AMD_MI300X_192G: { name: 'MI300X', vramGb: 192 },
};

/** Codes not in the table (new GPUs) still get a readable name and, when the code ends in `_<n>G`, a VRAM. */
export function gpuInfo(code: string | null | undefined): GpuTypeInfo | undefined {
  if (!code) return undefined;
  const known = GPU_TYPES[code];
  if (known) return known;
  const vram = /_(\d{1,4})G$/.exec(code);
  const name = code
    .replace(/^(NVIDIA|AMD|AWS)_/, '')
    .replace(/_\d{1,4}G$/, '')
    .replace(/_/g, ' ');
  return { name: name || code, vramGb: vram ? Number(vram[1]) : undefined };
}

export const GPU_COUNTS = [1, 2, 4, 8] as const;
