# On-chain programs: Debian's rustc emits BPF bitcode, our linker (cmd/sbpf-link) makes SBPF ELFs.
# Artefacts (committed): localnet/programs/<crate>.so (SBPF v3) and <crate>.v0.so (SBPF v0),
# with the toolchain that built them recorded in localnet/programs/TOOLCHAIN.
ARTIFACTS := localnet/programs

.PHONY: programs check-artifacts linker
linker:
	$(GO) build -o $(BIN)/sbpf-link ./cmd/sbpf-link

programs: linker
	scripts/build-programs.sh $(ARTIFACTS)

# Rebuild into a temporary directory and compare byte for byte. When the installed toolchain differs
# from the one recorded, bytes cannot match: say so and check the fresh build deploys and runs instead.
check-artifacts: linker
	scripts/check-artifacts.sh $(ARTIFACTS)
