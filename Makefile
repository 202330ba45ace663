# ionet toolkit: one Makefile, fragments per area in mk/.
# `make deps` installs what is missing; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := build

# Debian's Rust (not rustup's: only Debian's ships the BPF core library) and LLVM 22.
RUSTC    ?= /usr/bin/rustc
CARGO    ?= /usr/bin/cargo
RUSTDOC  ?= /usr/bin/rustdoc
LLVM_BIN ?= /usr/lib/llvm-22/bin
GO       ?= go
BIN      := $(CURDIR)/bin

export RUSTC RUSTDOC LLVM_BIN

include $(sort $(wildcard mk/*.mk))

.PHONY: build
build:
	$(GO) build -o $(BIN)/ ./cmd/...
