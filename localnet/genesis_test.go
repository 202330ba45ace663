package localnet

import (
	"log/slog"
	"strconv"
	"strings"
	"testing"

	bin "github.com/gagliardetto/binary"
	"github.com/gagliardetto/solana-go"
	"github.com/gagliardetto/solana-go/programs/token"
	"github.com/gagliardetto/solana-go/rpc"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestManifestFile(t *testing.T) {
	t.Parallel()
	m := chain.Manifest
	onDisk, err := ReadManifest(chain.ManifestPath)
	require.NoError(t, err)
	assert.Equal(t, m, onDisk, "the manifest file and Chain.Manifest agree")
	assert.Equal(t, ClusterName, m.Cluster)
	assert.Equal(t, BackendLiteSVM, m.Backend)
	assert.Equal(t, chain.RPCURL, m.RPC)
	assert.Equal(t, chain.WSURL, m.WS)
	assert.Regexp(t, `^http://127\.0\.0\.1:\d+$`, m.RPC)
	port, err := strconv.Atoi(m.RPC[strings.LastIndexByte(m.RPC, ':')+1:])
	require.NoError(t, err)
	assert.Equal(t, "ws://127.0.0.1:"+strconv.Itoa(port+1), m.WS, "websocket on the JSON-RPC port + 1")
	assert.False(t, m.GenesisHash.IsZero())

	names := make([]string, 0, len(m.Wallets))
	for name, w := range m.Wallets {
		names = append(names, name)
		key, err := w.Load()
		require.NoError(t, err, name)
		assert.Equal(t, w.Pubkey, key.PublicKey(), name)
		assert.Equal(t, associatedTokenAddress(w.Pubkey, m.Mints.IO.Address), w.IOAccount, name)
		assert.Equal(t, associatedTokenAddress(w.Pubkey, m.Mints.USDC.Address), w.USDCAccount, name)
	}
	assert.ElementsMatch(t, WalletNames, names)
	for _, k := range []KeyRef{m.MintAuthority, m.UpgradeAuthority, {Pubkey: m.Distribution.Pubkey, Keypair: m.Distribution.Keypair},
		{Pubkey: m.Mints.IO.Address, Keypair: m.Mints.IO.Keypair}, {Pubkey: m.Mints.USDC.Address, Keypair: m.Mints.USDC.Keypair}} {
		key, err := loadKey(k.Keypair)
		require.NoError(t, err)
		assert.Equal(t, k.Pubkey, key.Public(), k.Keypair)
	}
	for name := range m.Programs {
		assert.False(t, strings.HasPrefix(name, "fixture-"), "fixture %s deployed at genesis", name)
	}
}

func readMint(t *testing.T, address solana.PublicKey) token.Mint {
	t.Helper()
	acct, err := chain.RPC.GetAccountInfoWithOpts(testContext(t), address, &rpc.GetAccountInfoOpts{Commitment: rpc.CommitmentConfirmed})
	require.NoError(t, err)
	assert.Equal(t, solana.TokenProgramID, acct.Value.Owner)
	var mint token.Mint
	require.NoError(t, mint.UnmarshalWithDecoder(bin.NewBinDecoder(acct.Value.Data.GetBinary())))
	return mint
}

func TestGenesisMints(t *testing.T) {
	t.Parallel()
	m := chain.Manifest
	for _, tc := range []struct {
		name     string
		mint     Mint
		decimals uint8
		supply   uint64
	}{
		{"IO", m.Mints.IO, 8, 500_000_000 * 100_000_000},
		{"USDC", m.Mints.USDC, 6, USDCGenesisSupply},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mint := readMint(t, tc.mint.Address)
			assert.Equal(t, tc.decimals, mint.Decimals)
			assert.Equal(t, tc.decimals, tc.mint.Decimals)
			assert.Equal(t, tc.supply, mint.Supply)
			assert.True(t, mint.IsInitialized)
			assert.Nil(t, mint.FreezeAuthority, "no freeze authority")
			require.NotNil(t, mint.MintAuthority)
			assert.Equal(t, m.MintAuthority.Pubkey, *mint.MintAuthority)
		})
	}
}

// Every IO base unit is in some token account: the token accounts of the IO mint sum to the
// launch supply, whatever the other tests move between them.
func TestGenesisIOAllAccounted(t *testing.T) {
	t.Parallel()
	var accounts []struct {
		Account struct {
			Data struct {
				Parsed struct {
					Info struct {
						TokenAmount rpc.UiTokenAmount `json:"tokenAmount"`
					} `json:"info"`
				} `json:"parsed"`
			} `json:"data"`
		} `json:"account"`
	}
	rawResult(t, "getProgramAccounts", `["`+solana.TokenProgramID.String()+`",{"encoding":"jsonParsed","commitment":"confirmed",
		"filters":[{"dataSize":165},{"memcmp":{"offset":0,"bytes":"`+chain.Manifest.Mints.IO.Address.String()+`"}}]}]`, &accounts)
	var sum uint64
	for _, a := range accounts {
		n, err := strconv.ParseUint(a.Account.Data.Parsed.Info.TokenAmount.Amount, 10, 64)
		require.NoError(t, err)
		sum += n
	}
	assert.Equal(t, IOLaunchSupply, sum)
	assert.GreaterOrEqual(t, len(accounts), 1+len(WalletNames))
}

func TestGenesisWallets(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	for _, name := range WalletNames {
		t.Run(name, func(t *testing.T) {
			w := chain.Manifest.Wallets[name]
			assert.Equal(t, WalletFunding.Lamports, balance(t, w.Pubkey))
			for _, tc := range []struct {
				account solana.PublicKey
				want    uint64
			}{{w.IOAccount, WalletFunding.IO}, {w.USDCAccount, WalletFunding.USDC}} {
				bal, err := chain.RPC.GetTokenAccountBalance(ctx, tc.account, rpc.CommitmentConfirmed)
				require.NoError(t, err)
				assert.Equal(t, strconv.FormatUint(tc.want, 10), bal.Value.Amount)
			}
		})
	}
}

func TestGenesisPrograms(t *testing.T) {
	t.Parallel()
	if len(chain.Manifest.Programs) == 0 {
		t.Log("no protocol program built in localnet/programs yet: nothing deployed at genesis")
	}
	ctx := testContext(t)
	for name, id := range chain.Manifest.Programs {
		t.Run(name, func(t *testing.T) {
			acct, err := chain.RPC.GetAccountInfo(ctx, id)
			require.NoError(t, err)
			assert.True(t, acct.Value.Executable)
			assert.Equal(t, solana.BPFLoaderUpgradeableProgramID, acct.Value.Owner)
			// UpgradeableLoaderState::Program { programdata_address } = tag 2 (u32) + 32 bytes.
			data := acct.Value.Data.GetBinary()
			require.Len(t, data, 36)
			programData := solana.PublicKeyFromBytes(data[4:])
			pd, err := chain.RPC.GetAccountInfoWithOpts(ctx, programData, &rpc.GetAccountInfoOpts{
				DataSlice: &rpc.DataSlice{Offset: ptr(uint64(0)), Length: ptr(uint64(45))}})
			require.NoError(t, err)
			// ProgramData { slot: u64, upgrade_authority_address: Option<Pubkey> } after tag 3 (u32).
			head := pd.Value.Data.GetBinary()
			require.Len(t, head, 45)
			assert.Equal(t, byte(3), head[0])
			assert.Equal(t, byte(1), head[12], "an upgrade authority is set")
			assert.Equal(t, chain.Manifest.UpgradeAuthority.Pubkey, solana.PublicKeyFromBytes(head[13:45]))
		})
	}
}

func ptr[T any](v T) *T { return &v }

// Running the genesis again on a chain that has it changes nothing: no second mint, no second
// funding.
func TestGenesisIdempotent(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	keys, err := loadGenesisKeys(chainDir(t) + "/keys")
	require.NoError(t, err)
	alice := chain.Manifest.Wallets["alice"]
	before := balance(t, alice.Pubkey)
	require.NoError(t, runGenesis(ctx, chain.Client, keys, chain.Manifest, slog.New(slog.DiscardHandler), false))
	assert.Equal(t, IOLaunchSupply, readMint(t, chain.Manifest.Mints.IO.Address).Supply)
	assert.Equal(t, USDCGenesisSupply, readMint(t, chain.Manifest.Mints.USDC.Address).Supply)
	assert.Equal(t, before, balance(t, alice.Pubkey))
}

func TestFund(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	to := newAddress(t)
	f := Funding{Lamports: 3 * sol, IO: 1_250_000_000, USDC: 7_500_000}
	_, err := Fund(ctx, chain.Client, chain.Manifest, to, f)
	require.NoError(t, err)
	assert.Equal(t, f.Lamports, balance(t, to))
	for _, tc := range []struct {
		mint Mint
		want string
		ui   string
	}{{chain.Manifest.Mints.IO, "1250000000", "12.5"}, {chain.Manifest.Mints.USDC, "7500000", "7.5"}} {
		bal, err := chain.RPC.GetTokenAccountBalance(ctx, associatedTokenAddress(to, tc.mint.Address), rpc.CommitmentConfirmed)
		require.NoError(t, err)
		assert.Equal(t, tc.want, bal.Value.Amount)
		assert.Equal(t, tc.ui, bal.Value.UiAmountString)
		assert.Equal(t, tc.mint.Decimals, bal.Value.Decimals)
	}
	// Funding again re-uses the token accounts.
	_, err = Fund(ctx, chain.Client, chain.Manifest, to, Funding{IO: 50_000_000})
	require.NoError(t, err)
	bal, err := chain.RPC.GetTokenAccountBalance(ctx, associatedTokenAddress(to, chain.Manifest.Mints.IO.Address), rpc.CommitmentConfirmed)
	require.NoError(t, err)
	assert.Equal(t, "1300000000", bal.Value.Amount)
}

func TestFundRefuses(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	other := *chain.Manifest
	other.GenesisHash = solana.Hash(newAddress(t))
	_, err := Fund(ctx, chain.Client, &other, newAddress(t), Funding{Lamports: sol})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "refusing, this is not that localnet")

	_, err = Fund(ctx, chain.Client, chain.Manifest, newAddress(t), Funding{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nothing to send")
}
