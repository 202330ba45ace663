// Deploys an ELF through the real BPF Loader Upgradeable, as `solana program deploy` does:
// create and initialise a buffer, write the ELF in transaction-sized chunks, then
// DeployWithMaxDataLen from the buffer into the program id's programdata account.
import { Keypair } from './keys.mjs';
import * as ix from './instructions.mjs';
import { compileLegacyMessage, signTransaction, PACKET_DATA_SIZE } from './wire.mjs';

// Room left for later upgrades, as a multiple of the ELF size (the Solana CLI's default).
const MAX_DATA_LEN_FACTOR = 2;
const DEPLOY_COMPUTE_UNITS = 400_000;

/**
 * @typedef {object} Chain what the deployer needs from a chain
 * @property {() => Uint8Array} blockhash a recent blockhash to sign against
 * @property {(wire: Uint8Array) => {ok: boolean, error: string|null, logs: string[]}} send executes a signed transaction
 * @property {(dataLen: number) => bigint} rentExempt minimum balance for an account of dataLen bytes
 */

/**
 * @param {Chain} chain
 * @param {{elf: Uint8Array, program: Keypair, authority: Keypair, payer: Keypair}} p
 * @returns {Promise<{id: string, ok: boolean, error: string|null, logs: string[], transactions: number}>}
 */
export async function deployProgram(chain, { elf, program, authority, payer }) {
  const buffer = Keypair.generate();
  const programData = await ix.programDataAddress(program.publicKey);
  let transactions = 0;
  const send = (label, instructions, signers) => {
    const { messageBytes, signerKeys } = compileLegacyMessage({
      payer: payer.publicKey,
      recentBlockhash: chain.blockhash(),
      instructions,
    });
    const outcome = chain.send(signTransaction(messageBytes, signerKeys, [payer, ...signers]));
    transactions++;
    if (!outcome.ok) throw new DeployError(`${label}: ${outcome.error}`, outcome.logs ?? []);
  };

  try {
    if (elf.length < 4 || elf[0] !== 0x7f || elf[1] !== 0x45 || elf[2] !== 0x4c || elf[3] !== 0x46) {
      throw new DeployError('the program file is not an ELF (no \\x7fELF magic)', []);
    }
    const bufferLen = ix.BUFFER_METADATA_SIZE + elf.length;
    send('creating the buffer account', [
      ix.createAccount({
        from: payer.publicKey,
        to: buffer.publicKey,
        lamports: chain.rentExempt(bufferLen),
        space: bufferLen,
        owner: ix.BPF_LOADER_UPGRADEABLE,
      }),
      ix.initializeBuffer({ buffer: buffer.publicKey, authority: authority.publicKey }),
    ], [buffer]);

    const chunk = writeChunkSize(payer, authority, buffer);
    for (let offset = 0; offset < elf.length; offset += chunk) {
      const bytes = elf.subarray(offset, Math.min(offset + chunk, elf.length));
      send(`writing bytes ${offset}..${offset + bytes.length} to the buffer`, [
        ix.writeBuffer({ buffer: buffer.publicKey, authority: authority.publicKey, offset, bytes }),
      ], [authority]);
    }

    send('deploying from the buffer (DeployWithMaxDataLen)', [
      ix.setComputeUnitLimit(DEPLOY_COMPUTE_UNITS),
      ix.createAccount({
        from: payer.publicKey,
        to: program.publicKey,
        lamports: chain.rentExempt(ix.PROGRAM_ACCOUNT_SIZE),
        space: ix.PROGRAM_ACCOUNT_SIZE,
        owner: ix.BPF_LOADER_UPGRADEABLE,
      }),
      ix.deployWithMaxDataLen({
        payer: payer.publicKey,
        programData,
        program: program.publicKey,
        buffer: buffer.publicKey,
        authority: authority.publicKey,
        maxDataLen: elf.length * MAX_DATA_LEN_FACTOR,
      }),
    ], [program, authority]);
    return { id: program.address, ok: true, error: null, logs: [], transactions };
  } catch (err) {
    if (!(err instanceof DeployError)) throw err;
    return { id: program.address, ok: false, error: err.message, logs: err.logs, transactions };
  }
}

class DeployError extends Error {
  constructor(message, logs) {
    super(message);
    this.logs = logs;
  }
}

/** The largest Write payload that keeps the transaction within the packet limit. */
function writeChunkSize(payer, authority, buffer) {
  const probe = 256; // any size whose data length prefix takes 2 bytes, like every real chunk
  const { messageBytes, signerKeys } = compileLegacyMessage({
    payer: payer.publicKey,
    recentBlockhash: new Uint8Array(32),
    instructions: [ix.writeBuffer({ buffer: buffer.publicKey, authority: authority.publicKey, offset: 0, bytes: new Uint8Array(probe) })],
  });
  const overhead = 1 + 64 * signerKeys.length + messageBytes.length - probe;
  return PACKET_DATA_SIZE - overhead;
}
