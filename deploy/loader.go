package deploy

import (
	"encoding/binary"
	"fmt"

	"github.com/gagliardetto/solana-go"
)

// The BPF Loader Upgradeable's instructions and account layouts (bincode: a u32 tag, then the
// fields), as `solana program deploy` uses them.

// LoaderID is the BPF Loader Upgradeable.
var LoaderID = solana.MustPublicKeyFromBase58("BPFLoaderUpgradeab1e11111111111111111111111")

// Account header sizes of the loader's states.
const (
	// BufferHeader is `Buffer { authority_address: Option<Pubkey> }`: tag, option tag, key.
	BufferHeader = 4 + 1 + 32
	// ProgramDataHeader is `ProgramData { slot: u64, upgrade_authority_address: Option<Pubkey> }`.
	ProgramDataHeader = 4 + 8 + 1 + 32
	// ProgramAccountSize is `Program { programdata_address: Pubkey }`.
	ProgramAccountSize = 4 + 32
)

// Loader state tags.
const (
	stateBuffer      = 1
	stateProgram     = 2
	stateProgramData = 3
)

// Instruction tags.
const (
	ixInitializeBuffer = 0
	ixWrite            = 1
	ixDeployWithMaxLen = 2
	ixUpgrade          = 3
	ixSetAuthority     = 4
	ixClose            = 5
	ixExtendProgram    = 6
	ixExtendChecked    = 9
)

func loaderIx(data []byte, accounts ...*solana.AccountMeta) solana.Instruction {
	return solana.NewInstruction(LoaderID, accounts, data)
}

func tag(t uint32) []byte { return binary.LittleEndian.AppendUint32(nil, t) }

// InitializeBuffer makes buffer (already allocated and owned by the loader) a buffer whose
// writes authority must sign.
func InitializeBuffer(buffer, authority solana.PublicKey) solana.Instruction {
	return loaderIx(tag(ixInitializeBuffer),
		solana.Meta(buffer).WRITE(), solana.Meta(authority))
}

// Write writes bytes at offset into buffer's program area.
func Write(buffer, authority solana.PublicKey, offset uint32, bytes []byte) solana.Instruction {
	data := tag(ixWrite)
	data = binary.LittleEndian.AppendUint32(data, offset)
	data = binary.LittleEndian.AppendUint64(data, uint64(len(bytes)))
	data = append(data, bytes...)
	return loaderIx(data, solana.Meta(buffer).WRITE(), solana.Meta(authority).SIGNER())
}

// DeployWithMaxDataLen deploys buffer's ELF as program (a loader-owned account of
// ProgramAccountSize bytes, created in the same transaction), with room for maxDataLen bytes of
// code; the buffer's lamports go back to payer.
func DeployWithMaxDataLen(payer, program, buffer, authority solana.PublicKey, maxDataLen uint64) solana.Instruction {
	data := binary.LittleEndian.AppendUint64(tag(ixDeployWithMaxLen), maxDataLen)
	return loaderIx(data,
		solana.Meta(payer).WRITE().SIGNER(),
		solana.Meta(ProgramDataAddress(program)).WRITE(),
		solana.Meta(program).WRITE(),
		solana.Meta(buffer).WRITE(),
		solana.Meta(solana.SysVarRentPubkey),
		solana.Meta(solana.SysVarClockPubkey),
		solana.Meta(solana.SystemProgramID),
		solana.Meta(authority).SIGNER())
}

// Upgrade replaces program's code with buffer's; the buffer's lamports go to spill.
func Upgrade(program, buffer, authority, spill solana.PublicKey) solana.Instruction {
	return loaderIx(tag(ixUpgrade),
		solana.Meta(ProgramDataAddress(program)).WRITE(),
		solana.Meta(program).WRITE(),
		solana.Meta(buffer).WRITE(),
		solana.Meta(spill).WRITE(),
		solana.Meta(solana.SysVarRentPubkey),
		solana.Meta(solana.SysVarClockPubkey),
		solana.Meta(authority).SIGNER())
}

// SetAuthority moves the upgrade authority of account (a ProgramData or a buffer) to next.
func SetAuthority(account, current, next solana.PublicKey) solana.Instruction {
	return loaderIx(tag(ixSetAuthority),
		solana.Meta(account).WRITE(), solana.Meta(current).SIGNER(), solana.Meta(next))
}

// CloseBuffer closes buffer and sends its lamports to recipient.
func CloseBuffer(buffer, recipient, authority solana.PublicKey) solana.Instruction {
	return loaderIx(tag(ixClose),
		solana.Meta(buffer).WRITE(), solana.Meta(recipient).WRITE(), solana.Meta(authority).SIGNER())
}

// ExtendProgram grows program's ProgramData by additional bytes, payer paying the rent.
func ExtendProgram(program, payer solana.PublicKey, additional uint32) solana.Instruction {
	data := binary.LittleEndian.AppendUint32(tag(ixExtendProgram), additional)
	return loaderIx(data,
		solana.Meta(ProgramDataAddress(program)).WRITE(),
		solana.Meta(program).WRITE(),
		solana.Meta(solana.SystemProgramID),
		solana.Meta(payer).WRITE().SIGNER())
}

// ExtendProgramChecked is ExtendProgram signed by the upgrade authority (the runtime's
// replacement for ExtendProgram, required once the feature enable_extend_program_checked is on).
func ExtendProgramChecked(program, authority, payer solana.PublicKey, additional uint32) solana.Instruction {
	data := binary.LittleEndian.AppendUint32(tag(ixExtendChecked), additional)
	return loaderIx(data,
		solana.Meta(ProgramDataAddress(program)).WRITE(),
		solana.Meta(program).WRITE(),
		solana.Meta(authority).SIGNER(),
		solana.Meta(solana.SystemProgramID),
		solana.Meta(payer).WRITE().SIGNER())
}

// ProgramDataAddress is the loader's PDA [program] holding program's code.
func ProgramDataAddress(program solana.PublicKey) solana.PublicKey {
	addr, _, err := solana.FindProgramAddress([][]byte{program[:]}, LoaderID)
	if err != nil {
		// A 32-byte seed under a valid program id always has a bump: unreachable.
		panic(fmt.Sprintf("deploy: programdata address of %s: %v", program, err))
	}
	return addr
}

// ProgramData is a decoded ProgramData account.
type ProgramData struct {
	Slot      uint64
	Authority *solana.PublicKey // nil: immutable
	Code      []byte            // everything after the header: the ELF, then zeros up to the max length
}

// DecodeProgramData reads a ProgramData account's data.
func DecodeProgramData(data []byte) (*ProgramData, error) {
	if len(data) < ProgramDataHeader || binary.LittleEndian.Uint32(data) != stateProgramData {
		return nil, fmt.Errorf("not a ProgramData account (%d bytes)", len(data))
	}
	pd := &ProgramData{Slot: binary.LittleEndian.Uint64(data[4:]), Code: data[ProgramDataHeader:]}
	if data[12] == 1 {
		key := solana.PublicKeyFromBytes(data[13:45])
		pd.Authority = &key
	}
	return pd, nil
}

// Buffer is a decoded buffer account.
type Buffer struct {
	Authority *solana.PublicKey
	Code      []byte
}

// DecodeBuffer reads a buffer account's data.
func DecodeBuffer(data []byte) (*Buffer, error) {
	if len(data) < BufferHeader || binary.LittleEndian.Uint32(data) != stateBuffer {
		return nil, fmt.Errorf("not a loader buffer (%d bytes)", len(data))
	}
	b := &Buffer{Code: data[BufferHeader:]}
	if data[4] == 1 {
		key := solana.PublicKeyFromBytes(data[5:37])
		b.Authority = &key
	}
	return b, nil
}

// isProgramAccount reports whether data is a `Program` account naming its ProgramData.
func isProgramAccount(data []byte, program solana.PublicKey) bool {
	return len(data) >= ProgramAccountSize && binary.LittleEndian.Uint32(data) == stateProgram &&
		solana.PublicKeyFromBytes(data[4:36]).Equals(ProgramDataAddress(program))
}

// Trimmed is code without its trailing zero bytes: what verify hashes, so a ProgramData's
// spare room and the ELF's own zero padding hash the same.
func Trimmed(code []byte) []byte {
	end := len(code)
	for end > 0 && code[end-1] == 0 {
		end--
	}
	return code[:end]
}
