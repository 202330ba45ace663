// SPL Token and Token-2022 account layouts: balances for transaction metadata, and the
// "jsonParsed" views of token accounts and mints.
import { encodeBase58 } from './keys.mjs';

export const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
export const TOKEN_2022_PROGRAM = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';
const TOKEN_PROGRAMS = new Map([
  [TOKEN_PROGRAM, 'spl-token'],
  [TOKEN_2022_PROGRAM, 'spl-token-2022'],
]);

const ACCOUNT_LEN = 165;
const MINT_LEN = 82;
// Token-2022 accounts longer than the base layout carry their kind at byte 165.
const ACCOUNT_TYPE_MINT = 1;
const ACCOUNT_TYPE_ACCOUNT = 2;
const STATES = ['uninitialized', 'initialized', 'frozen'];

export const tokenProgramName = (owner) => TOKEN_PROGRAMS.get(owner);

function kindOf(owner, data) {
  if (!TOKEN_PROGRAMS.has(owner)) return null;
  if (data.length === ACCOUNT_LEN) return 'account';
  if (data.length === MINT_LEN) return 'mint';
  if (owner === TOKEN_2022_PROGRAM && data.length > ACCOUNT_LEN) {
    if (data[ACCOUNT_LEN] === ACCOUNT_TYPE_ACCOUNT) return 'account';
    if (data[ACCOUNT_LEN] === ACCOUNT_TYPE_MINT) return 'mint';
  }
  return null;
}

const view = (data) => new DataView(data.buffer, data.byteOffset, data.byteLength);
const optionalKey = (data, at) => (view(data).getUint32(at, true) === 1 ? encodeBase58(data.subarray(at + 4, at + 36)) : null);

/** @returns the token account's fields, or null when the data is not an initialised token account. */
export function readTokenAccount(owner, data) {
  if (kindOf(owner, data) !== 'account') return null;
  const v = view(data);
  const state = data[108];
  if (state === 0 || state > 2) return null;
  const isNative = v.getUint32(109, true) === 1;
  return {
    mint: encodeBase58(data.subarray(0, 32)),
    owner: encodeBase58(data.subarray(32, 64)),
    amount: v.getBigUint64(64, true),
    delegate: optionalKey(data, 72),
    state: STATES[state],
    isNative,
    rentExemptReserve: isNative ? v.getBigUint64(113, true) : null,
    delegatedAmount: v.getBigUint64(121, true),
    closeAuthority: optionalKey(data, 129),
    programId: owner,
  };
}

/** @returns the mint's fields, or null when the data is not an initialised mint. */
export function readMint(owner, data) {
  if (kindOf(owner, data) !== 'mint') return null;
  const v = view(data);
  if (data[45] !== 1) return null;
  return {
    mintAuthority: optionalKey(data, 0),
    supply: v.getBigUint64(36, true),
    decimals: data[44],
    freezeAuthority: optionalKey(data, 46),
    programId: owner,
  };
}

/** Solana's UiTokenAmount: amount as a string, uiAmount as a float, uiAmountString exact and trimmed. */
export function uiTokenAmount(amount, decimals) {
  const digits = amount.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  const uiAmountString = fraction ? `${whole}.${fraction}` : whole;
  return { amount: amount.toString(), decimals, uiAmount: Number(uiAmountString), uiAmountString };
}

/** The jsonParsed form of a token account or mint, or null for anything else. */
export function parseTokenAccountJson(owner, data, decimalsOfMint) {
  const program = TOKEN_PROGRAMS.get(owner);
  const account = readTokenAccount(owner, data);
  if (account) {
    const decimals = decimalsOfMint(account.mint);
    if (decimals === null) return null;
    const info = {
      isNative: account.isNative,
      mint: account.mint,
      owner: account.owner,
      state: account.state,
      tokenAmount: uiTokenAmount(account.amount, decimals),
    };
    if (account.delegate) {
      info.delegate = account.delegate;
      info.delegatedAmount = uiTokenAmount(account.delegatedAmount, decimals);
    }
    if (account.isNative) info.rentExemptReserve = uiTokenAmount(account.rentExemptReserve, decimals);
    if (account.closeAuthority) info.closeAuthority = account.closeAuthority;
    return { program, parsed: { info, type: 'account' }, space: data.length };
  }
  const mint = readMint(owner, data);
  if (mint) {
    return {
      program,
      parsed: {
        info: {
          decimals: mint.decimals,
          freezeAuthority: mint.freezeAuthority,
          isInitialized: true,
          mintAuthority: mint.mintAuthority,
          supply: mint.supply.toString(),
        },
        type: 'mint',
      },
      space: data.length,
    };
  }
  return null;
}
