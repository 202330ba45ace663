// Package solanax is the transaction layer every ionet program client shares.
//
//   - Client.Send builds, signs and sends a transaction, then waits for the client's commitment:
//     websocket signatureSubscribe (one connection per client, redialled after a drop) with
//     getSignatureStatuses polling as the fallback, rebroadcast every 2 s, and ErrExpired once the
//     blockhash can no longer land. Failures come back as *TxError with the transaction error,
//     the logs and, for custom program errors, the instruction index and code (CustomCode).
//   - WithComputeUnitLimit / WithComputeUnitPrice prepend ComputeBudget instructions.
//   - Token helpers: associated token addresses (Token and Token-2022), CreateIdempotent,
//     transfer_checked, mint_to_checked, mint creation, mint and token account decoding, and
//     Client.WalletBalances.
//   - ParseAmount / FormatAmount convert between decimal text and base units exactly.
package solanax
