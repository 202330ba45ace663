package deploy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gagliardetto/solana-go"
	computebudget "github.com/gagliardetto/solana-go/programs/compute-budget"
	"github.com/gagliardetto/solana-go/programs/system"
	"github.com/gagliardetto/solana-go/rpc"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
)

// Program is one program to deploy: its name, its ELF and its program keypair (the program id;
// needed only for the first deploy, whose program account it signs for).
type Program struct {
	Name    string
	ELF     []byte
	Keypair solana.PrivateKey
}

// ID is the program's address.
func (p Program) ID() solana.PublicKey { return p.Keypair.PublicKey() }

// ProgramResult is what ensureProgram did to one program.
type ProgramResult struct {
	Name          string           `json:"name"`
	ID            solana.PublicKey `json:"id"`
	Action        string           `json:"action"` // deployed, upgraded, unchanged
	Hash          string           `json:"hash"`   // sha256 of the trimmed code now on chain
	ChunksWritten int              `json:"chunksWritten"`
	ChunksTotal   int              `json:"chunksTotal"`
}

// Actions of ProgramResult.
const (
	ActionDeployed  = "deployed"
	ActionUpgraded  = "upgraded"
	ActionUnchanged = "unchanged"
)

// deployComputeUnits is the limit of a deploy or upgrade transaction (the loader verifies the
// ELF within it).
const deployComputeUnits = 400_000

// bufferKeyFile is where the buffer keypair of program name is kept between runs.
func bufferKeyFile(stateDir, name string) string {
	return filepath.Join(stateDir, name+"-buffer.json")
}

// ensureProgram deploys p, upgrades it when its code differs, or leaves it as it is.
func (d *Deployer) ensureProgram(ctx context.Context, p Program) (*ProgramResult, error) {
	res := &ProgramResult{Name: p.Name, ID: p.ID(), Hash: CodeHash(p.ELF)}
	accts, err := d.accounts(ctx, p.ID(), ProgramDataAddress(p.ID()))
	if err != nil {
		return nil, err
	}
	prog, pdAcct := accts[0], accts[1]
	fresh := prog == nil
	if !fresh {
		if !prog.Owner.Equals(LoaderID) || !isProgramAccount(prog.Data.GetBinary(), p.ID()) || pdAcct == nil {
			return nil, fmt.Errorf("%s: the account %s exists but is not an upgradeable program (owner %s): use another program keypair", p.Name, p.ID(), prog.Owner)
		}
		pd, err := DecodeProgramData(pdAcct.Data.GetBinary())
		if err != nil {
			return nil, fmt.Errorf("%s: its ProgramData: %w", p.Name, err)
		}
		if bytes.Equal(Trimmed(pd.Code), Trimmed(p.ELF)) {
			res.Action = ActionUnchanged
			d.emit(Event{Step: "program", Program: p.Name, Message: "up to date (" + res.Hash[:16] + "…)"})
			return res, d.dropStaleBuffer(ctx, p.Name)
		}
		if pd.Authority == nil || !pd.Authority.Equals(d.authority()) {
			return nil, fmt.Errorf("%s: program %s can only be changed by its upgrade authority %s, not by %s: deploy with that keypair, or, when that is the governance PDA, propose the upgrade (ionet deploy --write-buffer %s --buffer-authority %s, then ionet gov propose upgrade)", p.Name, p.ID(), describeAuthority(pd.Authority), d.authority(), p.Name, describeAuthority(pd.Authority))
		}
		if err := d.ensureCapacity(ctx, p, len(pd.Code)); err != nil {
			return nil, err
		}
	}
	buffer, written, total, err := d.writeBuffer(ctx, p)
	res.ChunksWritten, res.ChunksTotal = written, total
	if err != nil {
		return res, err
	}
	if fresh {
		err = d.deployFromBuffer(ctx, p, buffer)
		res.Action = ActionDeployed
	} else {
		_, err = d.send(ctx, "upgrade "+p.Name, []solana.Instruction{Upgrade(p.ID(), buffer.PublicKey(), d.authority(), d.authority())},
			solanax.WithComputeUnitLimit(deployComputeUnits))
		err = elfRejected(err)
		res.Action = ActionUpgraded
	}
	if err != nil {
		return res, err
	}
	// The loader closed the buffer: its keypair is of no further use.
	if err := os.Remove(bufferKeyFile(d.StateDir, p.Name)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return res, fmt.Errorf("%s: remove the used buffer keypair: %w", p.Name, err)
	}
	d.emit(Event{Step: "program", Program: p.Name, Message: res.Action + " at " + p.ID().String()})
	return res, nil
}

func describeAuthority(a *solana.PublicKey) string {
	if a == nil {
		return "(none: the program is immutable)"
	}
	return a.String()
}

// deployFromBuffer creates the program account and deploys the buffer into it, with room to grow.
func (d *Deployer) deployFromBuffer(ctx context.Context, p Program, buffer solana.PrivateKey) error {
	rent, err := d.rent(ctx, ProgramAccountSize)
	if err != nil {
		return err
	}
	create := system.NewCreateAccountInstruction(rent, ProgramAccountSize, LoaderID, d.authority(), p.ID()).Build()
	deploy := DeployWithMaxDataLen(d.authority(), p.ID(), buffer.PublicKey(), d.authority(), d.maxDataLen(len(p.ELF)))
	_, err = d.send(ctx, "deploy "+p.Name, []solana.Instruction{create, deploy},
		solanax.WithSigners(p.Keypair), solanax.WithComputeUnitLimit(deployComputeUnits))
	return elfRejected(err)
}

// ErrELFRejected means the loader refused the program's ELF at deploy or upgrade: most often an
// SBPF version the cluster has not enabled. The buffer stays; a rerun with another build closes
// it and takes its rent back.
var ErrELFRejected = errors.New("the cluster's loader refused the program's ELF (an SBPF version it has not enabled?)")

// elfRejected marks a deploy or upgrade the loader refused with InvalidAccountData, its answer
// to an ELF it cannot load.
func elfRejected(err error) error {
	var txErr *solanax.TxError
	if errors.As(err, &txErr) && bytes.Contains(txErr.Err, []byte(`"InvalidAccountData"`)) {
		return fmt.Errorf("%w: %w", ErrELFRejected, err)
	}
	return err
}

// maxDataLen is the ProgramData capacity of a first deploy: room for the code to grow.
func (d *Deployer) maxDataLen(elfLen int) uint64 {
	return uint64(elfLen) * uint64(d.growthFactor())
}

func (d *Deployer) growthFactor() int {
	if d.GrowthFactor < 1 {
		return 2 // the Solana CLI's default
	}
	return d.GrowthFactor
}

// ensureCapacity extends the ProgramData when the new code does not fit its capacity.
func (d *Deployer) ensureCapacity(ctx context.Context, p Program, capacity int) error {
	if len(p.ELF) <= capacity {
		return nil
	}
	more := d.maxDataLen(len(p.ELF)) - uint64(capacity)
	d.emit(Event{Step: "program", Program: p.Name, Message: fmt.Sprintf("extending its ProgramData by %d bytes", more)})
	_, err := d.send(ctx, "extend "+p.Name, []solana.Instruction{ExtendProgramChecked(p.ID(), d.authority(), d.authority(), uint32(more))})
	var txErr *solanax.TxError
	if errors.As(err, &txErr) && txErr.Preflight && bytes.Contains(txErr.Err, []byte(`"InvalidInstructionData"`)) {
		// A runtime from before ExtendProgramChecked: the unchecked instruction.
		_, err = d.send(ctx, "extend "+p.Name, []solana.Instruction{ExtendProgram(p.ID(), d.authority(), uint32(more))})
	}
	return err
}

// writeBuffer makes the buffer of p hold p.ELF: it re-uses the buffer a previous run left (its
// keypair kept in the state directory), writes only the chunks whose bytes differ, and returns
// the buffer's keypair.
func (d *Deployer) writeBuffer(ctx context.Context, p Program) (solana.PrivateKey, int, int, error) {
	key, err := d.bufferKey(p.Name)
	if err != nil {
		return nil, 0, 0, err
	}
	accts, err := d.accounts(ctx, key.PublicKey())
	if err != nil {
		return nil, 0, 0, err
	}
	var code []byte
	if acct := accts[0]; acct != nil {
		buf, err := DecodeBuffer(acct.Data.GetBinary())
		switch {
		case err != nil || !acct.Owner.Equals(LoaderID):
			return nil, 0, 0, fmt.Errorf("%s: the kept buffer %s (%s) is not a loader buffer: remove that file to start afresh", p.Name, key.PublicKey(), bufferKeyFile(d.StateDir, p.Name))
		case buf.Authority == nil || !buf.Authority.Equals(d.authority()):
			return nil, 0, 0, fmt.Errorf("%s: the kept buffer %s belongs to %s, not %s: remove %s", p.Name, key.PublicKey(), describeAuthority(buf.Authority), d.authority(), bufferKeyFile(d.StateDir, p.Name))
		case len(buf.Code) != len(p.ELF):
			// Another build's buffer: take its rent back and start a new one.
			d.emit(Event{Step: "buffer", Program: p.Name, Message: "the kept buffer is for another build; closing it"})
			if _, err := d.send(ctx, "close the old buffer of "+p.Name, []solana.Instruction{CloseBuffer(key.PublicKey(), d.authority(), d.authority())}); err != nil {
				return nil, 0, 0, err
			}
			if key, err = d.newBufferKey(p.Name); err != nil {
				return nil, 0, 0, err
			}
		default:
			code = buf.Code
			d.emit(Event{Step: "buffer", Program: p.Name, Message: "resuming the buffer " + key.PublicKey().String()})
		}
	}
	if code == nil {
		if err := d.createBuffer(ctx, p, key); err != nil {
			return nil, 0, 0, err
		}
		code = make([]byte, len(p.ELF))
	}
	size := d.chunkSize()
	var todo []int
	for off := 0; off < len(p.ELF); off += size {
		end := min(off+size, len(p.ELF))
		if !bytes.Equal(code[off:end], p.ELF[off:end]) {
			todo = append(todo, off)
		}
	}
	total := (len(p.ELF) + size - 1) / size
	written, err := d.writeChunks(ctx, p, key, todo, size, total)
	if err != nil {
		return nil, written, total, err
	}
	// Read it back: what the deploy will use must be exactly the ELF.
	accts, err = d.accounts(ctx, key.PublicKey())
	if err != nil {
		return nil, written, total, err
	}
	if accts[0] == nil {
		return nil, written, total, fmt.Errorf("%s: the buffer %s vanished after writing", p.Name, key.PublicKey())
	}
	if buf, err := DecodeBuffer(accts[0].Data.GetBinary()); err != nil || !bytes.Equal(buf.Code, p.ELF) {
		return nil, written, total, fmt.Errorf("%s: the buffer %s does not hold the ELF after writing: run deploy again to rewrite the differing chunks", p.Name, key.PublicKey())
	}
	return key, written, total, nil
}

// createBuffer allocates and initialises the buffer in one transaction.
func (d *Deployer) createBuffer(ctx context.Context, p Program, key solana.PrivateKey) error {
	size := uint64(BufferHeader + len(p.ELF))
	rent, err := d.rent(ctx, size)
	if err != nil {
		return err
	}
	create := system.NewCreateAccountInstruction(rent, size, LoaderID, d.authority(), key.PublicKey()).Build()
	_, err = d.send(ctx, "create the buffer of "+p.Name, []solana.Instruction{create, InitializeBuffer(key.PublicKey(), d.authority())},
		solanax.WithSigners(key))
	if err == nil {
		d.emit(Event{Step: "buffer", Program: p.Name, Message: fmt.Sprintf("created the buffer %s (%d bytes)", key.PublicKey(), len(p.ELF))})
	}
	return err
}

// writeChunks writes the chunks at offsets, Concurrency at a time, each with retries. It stops
// at the first chunk that fails for good, or when ctx ends; what was written stays written.
func (d *Deployer) writeChunks(ctx context.Context, p Program, buffer solana.PrivateKey, offsets []int, size, total int) (int, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var (
		mu   sync.Mutex // orders the chunk events: done counts up
		done int
	)
	already := total - len(offsets)
	work := make(chan int)
	var wg sync.WaitGroup
	for range d.concurrency() {
		wg.Go(func() {
			for off := range work {
				end := min(off+size, len(p.ELF))
				ix := Write(buffer.PublicKey(), d.authority(), uint32(off), p.ELF[off:end])
				if _, err := d.sendRetrying(ctx, fmt.Sprintf("write bytes %d..%d of %s", off, end, p.Name), []solana.Instruction{ix}); err != nil {
					cancel(err)
					continue
				}
				mu.Lock()
				done++
				d.emit(Event{Step: "chunk", Program: p.Name, Done: already + done, Total: total})
				mu.Unlock()
			}
		})
	}
feed:
	for _, off := range offsets {
		select {
		case work <- off:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return done, fmt.Errorf("%s: buffer %s: %d of %d chunks written, the rest resume on the next run: %w", p.Name, buffer.PublicKey(), already+done, total, err)
	}
	return done, nil
}

func (d *Deployer) concurrency() int {
	if d.Concurrency < 1 {
		return 8
	}
	return d.Concurrency
}

// sendRetrying is send with up to Retries more tries after a failure that is not the program's
// answer (an expired blockhash, a dropped transaction, a node that did not answer).
func (d *Deployer) sendRetrying(ctx context.Context, what string, ixs []solana.Instruction) (*solanax.Result, error) {
	retries := d.Retries
	if retries <= 0 {
		retries = 5
	}
	for attempt := 0; ; attempt++ {
		res, err := d.send(ctx, what, ixs, d.writeOptions()...)
		var txErr *solanax.TxError
		if err == nil || errors.As(err, &txErr) || ctx.Err() != nil || attempt == retries {
			return res, err
		}
		d.log().Debug("retrying", "what", what, "attempt", attempt+1, "err", err)
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(time.Duration(attempt+1) * 500 * time.Millisecond):
		}
	}
}

// writeComputeUnits bounds a chunk write with a priority fee (the loader's Write costs about
// 2,400 CU).
const writeComputeUnits = 10_000

// writeOptions are a chunk write's compute budget: a limit when a priority fee is paid.
func (d *Deployer) writeOptions() []solanax.TxOption {
	if d.PriorityFee == 0 {
		return nil
	}
	return []solanax.TxOption{solanax.WithComputeUnitLimit(writeComputeUnits)}
}

// chunkSize is the largest Write payload that keeps a transaction signed by the authority alone
// within the packet limit (with the compute budget instructions of a priority fee).
func (d *Deployer) chunkSize() int {
	const probe = 256 // a payload whose length prefix takes 2 bytes, like every real chunk
	key := d.authority()
	ixs := []solana.Instruction{Write(key, key, 0, make([]byte, probe))}
	if d.PriorityFee > 0 {
		ixs = append([]solana.Instruction{
			computebudget.NewSetComputeUnitLimitInstruction(writeComputeUnits).Build(),
			computebudget.NewSetComputeUnitPriceInstruction(d.PriorityFee).Build(),
		}, ixs...)
	}
	tx, err := solana.NewTransaction(ixs, solana.Hash{}, solana.TransactionPayer(key))
	if err != nil {
		panic(fmt.Sprintf("deploy: probe transaction: %v", err))
	}
	msg, err := tx.Message.MarshalBinary()
	if err != nil {
		panic(fmt.Sprintf("deploy: probe transaction: %v", err))
	}
	// The probe names the authority as buffer too; a real chunk names one more key.
	overhead := 1 + 64 + len(msg) + 32 - probe
	return packetDataSize - overhead
}

// packetDataSize is the most bytes a transaction may take on the wire.
const packetDataSize = 1232

// bufferKey is the kept buffer keypair of name, or a new one saved first (so that a run stopped
// right after the buffer's creation finds it again).
func (d *Deployer) bufferKey(name string) (solana.PrivateKey, error) {
	key, err := cli.LoadKeypair(bufferKeyFile(d.StateDir, name))
	switch {
	case err == nil:
		return key, nil
	case errors.Is(err, os.ErrNotExist):
		return d.newBufferKey(name)
	}
	return nil, fmt.Errorf("%s: the kept buffer keypair: %w (remove it to start afresh; a buffer it made stays on chain with its rent until closed)", name, err)
}

func (d *Deployer) newBufferKey(name string) (solana.PrivateKey, error) {
	key, err := solana.NewRandomPrivateKey()
	if err != nil {
		return nil, fmt.Errorf("%s: new buffer keypair: %w", name, err)
	}
	if err := writeKeypair(bufferKeyFile(d.StateDir, name), key); err != nil {
		return nil, fmt.Errorf("%s: keep the buffer keypair: %w", name, err)
	}
	return key, nil
}

// dropStaleBuffer closes a buffer a run left behind for a program already up to date, and
// forgets its keypair.
func (d *Deployer) dropStaleBuffer(ctx context.Context, name string) error {
	path := bufferKeyFile(d.StateDir, name)
	key, err := cli.LoadKeypair(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil // none kept
	}
	if err != nil {
		return fmt.Errorf("%s: the kept buffer keypair: %w", name, err)
	}
	accts, err := d.accounts(ctx, key.PublicKey())
	if err != nil {
		return err
	}
	if acct := accts[0]; acct != nil && acct.Owner.Equals(LoaderID) {
		if buf, err := DecodeBuffer(acct.Data.GetBinary()); err == nil && buf.Authority != nil && buf.Authority.Equals(d.authority()) {
			if _, err := d.send(ctx, "close the unused buffer of "+name, []solana.Instruction{CloseBuffer(key.PublicKey(), d.authority(), d.authority())}); err != nil {
				return err
			}
			d.emit(Event{Step: "buffer", Program: name, Message: "closed the unused buffer " + key.PublicKey().String()})
		}
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s: remove the used buffer keypair: %w", name, err)
	}
	return nil
}

// accounts reads keys at the client's commitment; a missing account is nil.
func (d *Deployer) accounts(ctx context.Context, keys ...solana.PublicKey) ([]*rpc.Account, error) {
	out, err := d.Client.RPC.GetMultipleAccountsWithOpts(ctx, keys, &rpc.GetMultipleAccountsOpts{
		Commitment: d.Client.Commitment(), Encoding: solana.EncodingBase64})
	if err != nil {
		return nil, fmt.Errorf("deploy: read accounts %v: %w", keys, solanax.WrapRPCError("getMultipleAccounts", err))
	}
	return out.Value, nil
}

func (d *Deployer) rent(ctx context.Context, size uint64) (uint64, error) {
	rent, err := d.Client.RPC.GetMinimumBalanceForRentExemption(ctx, size, d.Client.Commitment())
	if err != nil {
		return 0, fmt.Errorf("deploy: rent for %d bytes: %w", size, solanax.WrapRPCError("getMinimumBalanceForRentExemption", err))
	}
	return rent, nil
}

// BufferResult is a buffer written for a later upgrade.
type BufferResult struct {
	Program   string           `json:"program"`
	Buffer    solana.PublicKey `json:"buffer"`
	Authority solana.PublicKey `json:"authority"`
	Hash      string           `json:"hash"` // sha256 of the trimmed code, as `ionet verify --buffer` shows it
}

// WriteBuffer writes p's ELF into a buffer (resuming one a previous run left) for an upgrade by
// someone else: when authority is not the deployer's, the buffer is handed to it (an upgrade
// needs the buffer's authority to be the program's upgrade authority, e.g. the governance PDA)
// and its keypair forgotten.
func (d *Deployer) WriteBuffer(ctx context.Context, p Program, authority solana.PublicKey) (*BufferResult, error) {
	key, _, _, err := d.writeBuffer(ctx, p)
	if err != nil {
		return nil, err
	}
	res := &BufferResult{Program: p.Name, Buffer: key.PublicKey(), Authority: d.authority(), Hash: CodeHash(p.ELF)}
	if authority.IsZero() || authority.Equals(d.authority()) {
		return res, nil
	}
	if _, err := d.send(ctx, "hand the buffer of "+p.Name+" to "+authority.String(), []solana.Instruction{SetAuthority(key.PublicKey(), d.authority(), authority)}); err != nil {
		return nil, err
	}
	res.Authority = authority
	if err := os.Remove(bufferKeyFile(d.StateDir, p.Name)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: forget the handed-over buffer's keypair: %w", p.Name, err)
	}
	d.emit(Event{Step: "buffer", Program: p.Name, Message: "buffer " + key.PublicKey().String() + " handed to " + authority.String()})
	return res, nil
}
