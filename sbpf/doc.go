// Package sbpf is the root of the Solana BPF (SBPF) linker used as rustc's
// `-C linker=` for the bpfel-unknown-none target.
//
// The work is split by idea:
//   - isa: instruction encoding and opcode classes;
//   - syscall: the Agave syscall table and its murmur3 hashes;
//   - archive and elfobj: reading ar archives and BPF relocatable objects;
//   - link: symbol resolution, archive pulling, section GC and layout;
//   - emit: the SBPF v0 and v3 ELF writers;
//   - verify: checks of the final bytecode before it is written;
//   - bitcode: the LLVM 22 steps (llvm-link, opt, IR rewrite, llc);
//   - driver: the bpf-linker command line and the whole pipeline.
package sbpf
