import { utils } from 'ssh2';

type KeyType = 'ed25519' | 'ecdsa';

/**
 * A key pair from ssh2's generator that ssh2 itself can read back. About 1 in 256 ed25519 pairs it makes has a
 * public key with a leading zero byte stripped, which its own parser refuses ("Malformed OpenSSH public key",
 * mscdex/ssh2#1513): a fresh pair is drawn then. GPU Pods makes its users' keys with ssh-keygen, not with this.
 */
export function sshKeyPair(
  type: KeyType = 'ed25519',
  options: { passphrase?: string } = {},
): { private: string; public: string } {
  const { passphrase } = options;
  const encryption = passphrase ? { passphrase, cipher: 'aes256-ctr', rounds: 4 } : undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    const pair =
      type === 'ecdsa'
        ? utils.generateKeyPairSync('ecdsa', encryption ? { bits: 256, ...encryption } : { bits: 256 })
        : encryption
          ? utils.generateKeyPairSync('ed25519', encryption)
          : utils.generateKeyPairSync('ed25519');
    const readable = [pair.public, pair.private].every(
      (k) => !(utils.parseKey(k, k === pair.private ? passphrase : undefined) instanceof Error),
    );
    if (readable) return pair;
  }
  throw new Error(`ssh2 made no readable ${type} key pair in 20 tries`);
}
