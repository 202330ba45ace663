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

# go-nvml (the worker's NVML binding) calls NVML functions its header marks deprecated, and gcc
# warns about each on every clean build (about 150 lines). Only that warning is silenced: NVML
# support and every other warning stay. Applies to build, vet and test alike.
export CGO_CFLAGS ?= -O2 -g -Wno-deprecated-declarations

include $(sort $(wildcard mk/*.mk))

# The version that --version prints: the commit (and tag) built, "-dirty" with local changes.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

.PHONY: build
build:
	$(GO) build -ldflags "-X github.com/ionet-oss/ionet/cli.version=$(VERSION)" -o $(BIN)/ ./cmd/...
