import type { Pod } from '../../core/model';

/**
 * Which VM actions the menu offers. Rename: any time but once terminated. Terminate: not when terminated or
 * terminating, and not while still initializing, which Yotta refuses with 11001 "VM status invalid" (the issue asks
 * that the menu not offer what the cloud will refuse); an unknown status stays terminable, so a VM in a state we
 * do not know can still be ended.
 */
export function yottaVmAllows(action: 'rename' | 'terminate', vm: Pod): boolean {
  switch (action) {
    case 'rename':
      return vm.status !== 'terminated';
    case 'terminate':
      return vm.status !== 'terminated' && vm.status !== 'terminating' && vm.status !== 'provisioning';
    default:
      return false;
  }
}
