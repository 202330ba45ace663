// Reads LiteSVM's result objects (TransactionMetadata / FailedTransactionMetadata /
// SimulatedTransactionInfo) into plain data.
import { convertTxError } from './errors.mjs';
import { litesvm } from './svm.mjs';
import { encodeBase58 } from './keys.mjs';

/**
 * @returns {{ok: boolean, err: any, error: string|null, logs: string[], computeUnits: number,
 *   returnData: {programId: string, data: Uint8Array}|null, innerInstructions: object[][],
 *   postAccounts: {address: Uint8Array, account: object}[]|null}}
 */
export function readOutcome(result) {
  const failed = result instanceof litesvm.FailedTransactionMetadata;
  const simulated = result instanceof litesvm.SimulatedTransactionInfo;
  const meta = failed || simulated ? result.meta() : result;
  const converted = failed ? convertTxError(result.err()) : null;
  return {
    ok: !failed,
    err: converted ? converted.json : null,
    error: converted ? converted.message : null,
    logs: meta.logs(),
    computeUnits: Number(meta.computeUnitsConsumed()),
    returnData: readReturnData(meta.returnData()),
    innerInstructions: meta.innerInstructions().map((list) =>
      list.map((inner) => {
        const compiled = inner.instruction();
        return {
          programIdIndex: compiled.programIdIndex(),
          accounts: Array.from(compiled.accounts()),
          data: compiled.data(),
          stackHeight: inner.stackHeight(),
        };
      }),
    ),
    postAccounts: simulated ? result.postAccounts().map((p) => ({ address: p.address, account: p.account() })) : null,
  };
}

// Like Agave, no data means no return data (the program id alone is not reported).
function readReturnData(returnData) {
  const data = returnData.data();
  if (data.length === 0) return null;
  return { programId: encodeBase58(returnData.programId()), data };
}
