// SPL token reads: getTokenAccountBalance, getTokenAccountsByOwner, getTokenSupply.
import * as p from './params.mjs';
import { accountEncoding, compileFilters } from './accounts.mjs';
import { uiAccount } from '../encode.mjs';
import { decodeBase58, encodeBase58 } from '../keys.mjs';
import { readMint, readTokenAccount, uiTokenAmount, tokenProgramName } from '../token.mjs';
import { invalidParams } from '../rpcerror.mjs';

export function tokenMethods(bank) {
  return {
    getTokenAccountBalance: (params) => {
      p.positional(params, 1, 2, 'token account, [config]');
      const key = p.pubkey(params[0], 'token account');
      const slot = p.contextSlot(bank, p.config(params[1]));
      const account = bank.getAccount(key);
      const token = account && readTokenAccount(account.owner, account.data);
      if (!token) throw invalidParams('Invalid param: not a Token account');
      const decimals = bank.mintDecimals(token.mint);
      if (decimals === null) throw invalidParams('Invalid param: the token account\'s mint is not a Token mint');
      return { context: p.context(slot), value: uiTokenAmount(token.amount, decimals) };
    },
    getTokenSupply: (params) => {
      p.positional(params, 1, 2, 'mint, [config]');
      const key = p.pubkey(params[0], 'mint');
      const slot = p.contextSlot(bank, p.config(params[1]));
      const account = bank.getAccount(key);
      const mint = account && readMint(account.owner, account.data);
      if (!mint) throw invalidParams('Invalid param: not a Token mint');
      return { context: p.context(slot), value: uiTokenAmount(mint.supply, mint.decimals) };
    },
    getTokenAccountsByOwner: (params, { budget }) => {
      p.positional(params, 2, 3, 'owner, {mint | programId}, [config]');
      const owner = p.pubkey(params[0], 'owner');
      const selector = p.config(params[1], 'filter');
      const cfg = p.config(params[2]);
      const slot = p.contextSlot(bank, cfg);
      const how = accountEncoding(bank, cfg, 'binary', budget);
      let program;
      let mint = null;
      if (typeof selector.mint === 'string') {
        mint = encodeBase58(p.pubkey(selector.mint, 'mint'));
        const mintAccount = bank.getAccount(decodeBase58(mint));
        if (!mintAccount || !tokenProgramName(mintAccount.owner)) throw invalidParams('Invalid param: could not find mint');
        program = decodeBase58(mintAccount.owner);
      } else if (typeof selector.programId === 'string') {
        program = p.pubkey(selector.programId, 'programId');
        if (!tokenProgramName(encodeBase58(program))) throw invalidParams(`Invalid param: unrecognized Token program id ${selector.programId}`);
      } else {
        throw invalidParams('Invalid params: the second parameter must be {"mint": pubkey} or {"programId": pubkey}');
      }
      const ownerText = encodeBase58(owner);
      const ownerFilter = compileFilters([{ memcmp: { offset: 32, bytes: ownerText } }]);
      const value = [];
      for (const { pubkey, account } of bank.programAccounts(program)) {
        if (!ownerFilter(account.data)) continue;
        const token = readTokenAccount(account.owner, account.data);
        if (!token || (mint && token.mint !== mint)) continue;
        value.push({ pubkey, account: uiAccount(account, how) });
      }
      return { context: p.context(slot), value };
    },
  };
}
