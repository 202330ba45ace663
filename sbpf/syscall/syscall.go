// Package syscall holds the Agave syscall names and the hash the SBPF loader
// uses to identify them (murmur3_32 with seed 0 over the name bytes, as
// solana-sbpf's ebpf::hash_symbol_name computes it).
package syscall

// names is every syscall Agave registers (some behind feature gates); a call
// to any other undefined symbol is a link error.
var names = []string{
	"abort",
	"sol_panic_",
	"sol_log_",
	"sol_log_64_",
	"sol_log_compute_units_",
	"sol_log_pubkey",
	"sol_log_data",
	"sol_create_program_address",
	"sol_try_find_program_address",
	"sol_sha256",
	"sol_keccak256",
	"sol_blake3",
	"sol_secp256k1_recover",
	"sol_poseidon",
	"sol_big_mod_exp",
	"sol_alt_bn128_group_op",
	"sol_alt_bn128_compression",
	"sol_curve_validate_point",
	"sol_curve_group_op",
	"sol_curve_multiscalar_mul",
	"sol_curve_decompress",
	"sol_curve_pairing_map",
	"sol_get_clock_sysvar",
	"sol_get_epoch_schedule_sysvar",
	"sol_get_fees_sysvar",
	"sol_get_rent_sysvar",
	"sol_get_last_restart_slot",
	"sol_get_epoch_rewards_sysvar",
	"sol_get_sysvar",
	"sol_get_epoch_stake",
	"sol_memcpy_",
	"sol_memmove_",
	"sol_memset_",
	"sol_memcmp_",
	"sol_invoke_signed_c",
	"sol_invoke_signed_rust",
	"sol_set_return_data",
	"sol_get_return_data",
	"sol_get_processed_sibling_instruction",
	"sol_get_stack_height",
	"sol_remaining_compute_units",
	"sol_alloc_free_",
}

var byName, byHash = index()

func index() (map[string]uint32, map[uint32]string) {
	n := make(map[string]uint32, len(names))
	h := make(map[uint32]string, len(names))
	for _, name := range names {
		v := Hash(name)
		n[name] = v
		h[v] = name
	}
	return n, h
}

// Known reports whether name is a registered syscall.
func Known(name string) bool {
	_, ok := byName[name]
	return ok
}

// ByHash returns the syscall whose hash is h.
func ByHash(h uint32) (string, bool) {
	name, ok := byHash[h]
	return name, ok
}

// Hash is murmur3_32 (seed 0) of name.
func Hash(name string) uint32 {
	const c1, c2 = 0xcc9e2d51, 0x1b873593
	data := []byte(name)
	var h uint32
	n := len(data) / 4
	for i := 0; i < n; i++ {
		k := uint32(data[4*i]) | uint32(data[4*i+1])<<8 | uint32(data[4*i+2])<<16 | uint32(data[4*i+3])<<24
		k *= c1
		k = k<<15 | k>>17
		k *= c2
		h ^= k
		h = h<<13 | h>>19
		h = h*5 + 0xe6546b64
	}
	var k uint32
	tail := data[4*n:]
	switch len(tail) {
	case 3:
		k ^= uint32(tail[2]) << 16
		fallthrough
	case 2:
		k ^= uint32(tail[1]) << 8
		fallthrough
	case 1:
		k ^= uint32(tail[0])
		k *= c1
		k = k<<15 | k>>17
		k *= c2
		h ^= k
	}
	h ^= uint32(len(data))
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}
