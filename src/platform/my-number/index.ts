/**
 * 個人番号 protection (DESIGN §5): encryption at rest with rotating keys, a blind index for lookups,
 * disclosure by zone and permission, and scrubbing of anything that leaves the process. README.md.
 */
export type { MyNumberKeyRing, KeyRingInput } from './key-ring.ts';
export { createKeyRing } from './key-ring.ts';
export type { MyNumberKeySettings } from './config.ts';
export { keyRingFromSettings } from './config.ts';
export type { LoadKeyRingOptions } from './load.ts';
export { loadKeyRing } from './load.ts';
export { encryptMyNumber, decryptMyNumber, needsReencryption, reencrypt, myNumberTokenKeyId } from './cipher.ts';
export { myNumberLookupKey } from './lookup.ts';
export type { MyNumberViewer, MyNumberDisclosure } from './disclosure.ts';
export { discloseMyNumber, mayDiscloseMyNumber, MASKED_MY_NUMBER } from './disclosure.ts';
export { scrubMyNumbers, MY_NUMBER_PLACEHOLDER } from './scrub.ts';
export { MyNumberConfigError, MyNumberCipherError, assertMyNumber } from './errors.ts';
