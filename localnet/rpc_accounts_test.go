package localnet

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tokenWallet is a fresh wallet holding SOL, IO and USDC.
func tokenWallet(t *testing.T) (solana.PrivateKey, Funding) {
	f := Funding{Lamports: 2 * sol, IO: 12_345_678_900, USDC: 4_200_000}
	return newWallet(t, f), f
}

func TestGetBalanceAndAccountInfo(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	owner, f := tokenWallet(t)

	bal, err := chain.RPC.GetBalance(ctx, owner.PublicKey(), rpc.CommitmentConfirmed)
	require.NoError(t, err)
	assert.Equal(t, f.Lamports, bal.Value)
	assert.NotZero(t, bal.Context.Slot)

	acct, err := chain.RPC.GetAccountInfoWithOpts(ctx, owner.PublicKey(), &rpc.GetAccountInfoOpts{Commitment: rpc.CommitmentConfirmed})
	require.NoError(t, err)
	assert.Equal(t, f.Lamports, acct.Value.Lamports)
	assert.Equal(t, solana.SystemProgramID, acct.Value.Owner)
	assert.False(t, acct.Value.Executable)
	assert.Empty(t, acct.Value.Data.GetBinary())
	assert.Equal(t, new(big.Int).SetUint64(math.MaxUint64), acct.Value.RentEpoch, "rentEpoch is u64::MAX, exact")

	_, err = chain.RPC.GetAccountInfo(ctx, newAddress(t))
	assert.ErrorIs(t, err, rpc.ErrNotFound, "a missing account is a null value")

	ioAccount := associatedTokenAddress(owner.PublicKey(), chain.Manifest.Mints.IO.Address)
	t.Run("dataSlice", func(t *testing.T) {
		res, err := chain.RPC.GetAccountInfoWithOpts(ctx, ioAccount, &rpc.GetAccountInfoOpts{
			Commitment: rpc.CommitmentConfirmed, DataSlice: &rpc.DataSlice{Offset: ptr(uint64(64)), Length: ptr(uint64(8))}})
		require.NoError(t, err)
		assert.Equal(t, f.IO, binary.LittleEndian.Uint64(res.Value.Data.GetBinary()), "amount at offset 64")
	})
	t.Run("base64+zstd", func(t *testing.T) {
		plain, err := chain.RPC.GetAccountInfoWithOpts(ctx, ioAccount, &rpc.GetAccountInfoOpts{Commitment: rpc.CommitmentConfirmed})
		require.NoError(t, err)
		zstd, err := chain.RPC.GetAccountInfoWithOpts(ctx, ioAccount, &rpc.GetAccountInfoOpts{
			Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingBase64Zstd})
		skipIfNoZstd(t, err)
		require.NoError(t, err)
		assert.Len(t, plain.Value.Data.GetBinary(), 165)
		assert.Equal(t, plain.Value.Data.GetBinary(), zstd.Value.Data.GetBinary())
	})
	t.Run("jsonParsed", func(t *testing.T) {
		res, err := chain.RPC.GetAccountInfoWithOpts(ctx, ioAccount, &rpc.GetAccountInfoOpts{
			Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingJSONParsed})
		require.NoError(t, err)
		var parsed parsedTokenAccount
		require.NoError(t, json.Unmarshal(res.Value.Data.GetRawJSON(), &parsed))
		assert.Equal(t, "spl-token", parsed.Program)
		assert.Equal(t, "account", parsed.Parsed.Type)
		assert.Equal(t, chain.Manifest.Mints.IO.Address, parsed.Parsed.Info.Mint)
		assert.Equal(t, owner.PublicKey(), parsed.Parsed.Info.Owner)
		assert.Equal(t, "initialized", parsed.Parsed.Info.State)
		assert.Equal(t, strconv.FormatUint(f.IO, 10), parsed.Parsed.Info.TokenAmount.Amount)
		assert.Equal(t, "123.456789", parsed.Parsed.Info.TokenAmount.UiAmountString)
		assert.Equal(t, uint8(8), parsed.Parsed.Info.TokenAmount.Decimals)
		assert.Equal(t, 165, parsed.Space)
	})
}

// skipIfNoZstd skips where the server says it cannot encode base64+zstd (Solana's RPC offers it,
// but Node gained zstd only in 22.15).
func skipIfNoZstd(t *testing.T, err error) {
	if err != nil && strings.Contains(err.Error(), "zstd") && strings.Contains(err.Error(), "-32602") {
		t.Skipf("the server does not offer base64+zstd: %v", err)
	}
}

// parsedTokenAccount is the jsonParsed form of an SPL Token account.
type parsedTokenAccount struct {
	Program string `json:"program"`
	Space   int    `json:"space"`
	Parsed  struct {
		Type string `json:"type"`
		Info struct {
			Mint        solana.PublicKey  `json:"mint"`
			Owner       solana.PublicKey  `json:"owner"`
			State       string            `json:"state"`
			TokenAmount rpc.UiTokenAmount `json:"tokenAmount"`
		} `json:"info"`
	} `json:"parsed"`
}

func TestRentEpochIsExactU64(t *testing.T) {
	t.Parallel()
	owner := newWallet(t, Funding{Lamports: sol})
	resp := rawCall(t, `{"jsonrpc":"2.0","id":1,"method":"getAccountInfo","params":["`+owner.PublicKey().String()+`",{"encoding":"base64"}]}`)
	require.Nil(t, resp.Error, resp.Body)
	assert.Contains(t, string(resp.Result), `"rentEpoch":18446744073709551615`, "u64::MAX written as integer text")
}

func TestGetMultipleAccounts(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	owner, f := tokenWallet(t)
	missing := newAddress(t)
	ioAccount := associatedTokenAddress(owner.PublicKey(), chain.Manifest.Mints.IO.Address)
	res, err := chain.RPC.GetMultipleAccountsWithOpts(ctx, []solana.PublicKey{owner.PublicKey(), missing, ioAccount},
		&rpc.GetMultipleAccountsOpts{Commitment: rpc.CommitmentConfirmed})
	require.NoError(t, err)
	require.Len(t, res.Value, 3)
	require.NotNil(t, res.Value[0])
	assert.Equal(t, f.Lamports, res.Value[0].Lamports)
	assert.Nil(t, res.Value[1], "missing account in place")
	require.NotNil(t, res.Value[2])
	assert.Equal(t, solana.TokenProgramID, res.Value[2].Owner)
	assert.Equal(t, uint64(2_039_280), res.Value[2].Lamports, "a rent-exempt token account")
	assert.Len(t, res.Value[2].Data.GetBinary(), 165)
}

func TestGetProgramAccounts(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	owner, f := tokenWallet(t)
	m := chain.Manifest
	ioAccount := associatedTokenAddress(owner.PublicKey(), m.Mints.IO.Address)
	usdcAccount := associatedTokenAddress(owner.PublicKey(), m.Mints.USDC.Address)
	ownerB58 := owner.PublicKey().String()
	ownerB64 := encodeBase64(owner.PublicKey().Bytes())

	t.Run("dataSize and memcmp base58 (solana-go)", func(t *testing.T) {
		res, err := chain.RPC.GetProgramAccountsWithOpts(ctx, solana.TokenProgramID, &rpc.GetProgramAccountsOpts{
			Commitment: rpc.CommitmentConfirmed,
			Filters: []rpc.RPCFilter{{DataSize: 165},
				{Memcmp: &rpc.RPCFilterMemcmp{Offset: 32, Bytes: owner.PublicKey().Bytes()}}},
		})
		require.NoError(t, err)
		var keys []solana.PublicKey
		for _, a := range res {
			keys = append(keys, a.Pubkey)
			assert.Len(t, a.Account.Data.GetBinary(), 165)
		}
		assert.ElementsMatch(t, []solana.PublicKey{ioAccount, usdcAccount}, keys)
	})
	t.Run("dataSlice", func(t *testing.T) {
		res, err := chain.RPC.GetProgramAccountsWithOpts(ctx, solana.TokenProgramID, &rpc.GetProgramAccountsOpts{
			Commitment: rpc.CommitmentConfirmed,
			DataSlice:  &rpc.DataSlice{Offset: ptr(uint64(64)), Length: ptr(uint64(8))},
			Filters: []rpc.RPCFilter{{Memcmp: &rpc.RPCFilterMemcmp{Offset: 32, Bytes: owner.PublicKey().Bytes()}},
				{Memcmp: &rpc.RPCFilterMemcmp{Offset: 0, Bytes: m.Mints.USDC.Address.Bytes()}}},
		})
		require.NoError(t, err)
		require.Len(t, res, 1)
		assert.Equal(t, usdcAccount, res[0].Pubkey)
		assert.Equal(t, f.USDC, binary.LittleEndian.Uint64(res[0].Account.Data.GetBinary()))
	})

	// Raw requests: memcmp with an explicit encoding, base64+zstd and jsonParsed.
	type keyed struct {
		Pubkey  solana.PublicKey `json:"pubkey"`
		Account struct {
			Data  json.RawMessage `json:"data"`
			Owner string          `json:"owner"`
		} `json:"account"`
	}
	for _, tc := range []struct {
		name     string
		encoding string
		filter   string
	}{
		{"memcmp base58", "base64", `{"memcmp":{"offset":32,"bytes":"` + ownerB58 + `","encoding":"base58"}}`},
		{"memcmp base64", "base64", `{"memcmp":{"offset":32,"bytes":"` + ownerB64 + `","encoding":"base64"}}`},
		{"base64+zstd", "base64+zstd", `{"memcmp":{"offset":32,"bytes":"` + ownerB58 + `"}}`},
		{"jsonParsed", "jsonParsed", `{"memcmp":{"offset":32,"bytes":"` + ownerB64 + `","encoding":"base64"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := rawCall(t, `{"jsonrpc":"2.0","id":1,"method":"getProgramAccounts","params":["`+solana.TokenProgramID.String()+
				`",{"commitment":"confirmed","encoding":"`+tc.encoding+`","filters":[{"dataSize":165},`+tc.filter+`]}]}`)
			if resp.Error != nil {
				skipIfNoZstd(t, fmt.Errorf("code %d: %s", resp.Error.Code, resp.Error.Message))
			}
			require.Nil(t, resp.Error, resp.Body)
			var res []keyed
			require.NoError(t, json.Unmarshal(resp.Result, &res))
			byKey := map[solana.PublicKey]json.RawMessage{}
			for _, a := range res {
				byKey[a.Pubkey] = a.Account.Data
				assert.Equal(t, solana.TokenProgramID.String(), a.Account.Owner)
			}
			require.Len(t, byKey, 2)
			require.Contains(t, byKey, ioAccount)
			require.Contains(t, byKey, usdcAccount)
			if tc.encoding == "jsonParsed" {
				var parsed parsedTokenAccount
				require.NoError(t, json.Unmarshal(byKey[ioAccount], &parsed))
				assert.Equal(t, strconv.FormatUint(f.IO, 10), parsed.Parsed.Info.TokenAmount.Amount)
				assert.Equal(t, owner.PublicKey(), parsed.Parsed.Info.Owner)
				return
			}
			var data rpc.DataBytesOrJSON
			require.NoError(t, json.Unmarshal(byKey[ioAccount], &data))
			raw := data.GetBinary()
			require.Len(t, raw, 165)
			assert.Equal(t, m.Mints.IO.Address.Bytes(), raw[:32])
			assert.Equal(t, owner.PublicKey().Bytes(), raw[32:64])
			assert.Equal(t, f.IO, binary.LittleEndian.Uint64(raw[64:72]))
		})
	}
}

func TestTokenQueries(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	owner, f := tokenWallet(t)
	m := chain.Manifest
	ioAccount := associatedTokenAddress(owner.PublicKey(), m.Mints.IO.Address)

	bal, err := chain.RPC.GetTokenAccountBalance(ctx, ioAccount, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	assert.Equal(t, rpc.UiTokenAmount{Amount: "12345678900", Decimals: 8, UiAmount: ptr(123.456789), UiAmountString: "123.456789"}, *bal.Value)

	supply, err := chain.RPC.GetTokenSupply(ctx, m.Mints.USDC.Address, rpc.CommitmentConfirmed)
	require.NoError(t, err)
	assert.Equal(t, strconv.FormatUint(USDCGenesisSupply, 10), supply.Value.Amount)
	assert.Equal(t, uint8(6), supply.Value.Decimals)
	assert.Equal(t, "1000000000", supply.Value.UiAmountString)

	byMint, err := chain.RPC.GetTokenAccountsByOwner(ctx, owner.PublicKey(), &rpc.GetTokenAccountsConfig{Mint: &m.Mints.IO.Address},
		&rpc.GetTokenAccountsOpts{Commitment: rpc.CommitmentConfirmed})
	require.NoError(t, err)
	require.Len(t, byMint.Value, 1)
	assert.Equal(t, ioAccount, byMint.Value[0].Pubkey)
	assert.Equal(t, f.IO, binary.LittleEndian.Uint64(byMint.Value[0].Account.Data.GetBinary()[64:72]))

	tokenProgram := solana.TokenProgramID
	byProgram, err := chain.RPC.GetTokenAccountsByOwner(ctx, owner.PublicKey(), &rpc.GetTokenAccountsConfig{ProgramId: &tokenProgram},
		&rpc.GetTokenAccountsOpts{Commitment: rpc.CommitmentConfirmed, Encoding: solana.EncodingJSONParsed})
	require.NoError(t, err)
	amounts := map[solana.PublicKey]string{}
	for _, a := range byProgram.Value {
		var parsed parsedTokenAccount
		require.NoError(t, json.Unmarshal(a.Account.Data.GetRawJSON(), &parsed))
		amounts[parsed.Parsed.Info.Mint] = parsed.Parsed.Info.TokenAmount.Amount
	}
	assert.Equal(t, map[solana.PublicKey]string{m.Mints.IO.Address: "12345678900", m.Mints.USDC.Address: "4200000"}, amounts)

	empty, err := chain.RPC.GetTokenAccountsByOwner(ctx, newAddress(t), &rpc.GetTokenAccountsConfig{ProgramId: &tokenProgram}, nil)
	require.NoError(t, err)
	assert.Empty(t, empty.Value)
}
