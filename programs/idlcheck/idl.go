// Package idlcheck checks that each program's IDL (programs-idl/<program>.json) and its Rust
// source agree: the error table (code, name, message), the instruction tags and dispatch, each
// instruction's account order, the account discriminators and the account layouts (size and
// every field's offset, repr(C) in Rust, Borsh in the IDL). One helper for every program; its
// test walks them all.
package idlcheck

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
)

// IDL is the part of an Anchor 0.30 IDL the checks read.
type IDL struct {
	Instructions []Instruction `json:"instructions"`
	Accounts     []struct {
		Name          string `json:"name"`
		Discriminator Bytes  `json:"discriminator"`
	} `json:"accounts"`
	Types  []TypeDef  `json:"types"`
	Errors []IDLError `json:"errors"`
}

// Instruction is one IDL instruction.
type Instruction struct {
	Name          string            `json:"name"`
	Discriminator Bytes             `json:"discriminator"`
	Accounts      []InstructionAcct `json:"accounts"`
	Args          []struct {
		Name string `json:"name"`
	} `json:"args"`
}

// InstructionAcct is one account of an instruction, with its PDA seeds or fixed address when
// the IDL declares them.
type InstructionAcct struct {
	Name     string `json:"name"`
	Writable bool   `json:"writable"`
	Signer   bool   `json:"signer"`
	Address  string `json:"address"`
	PDA      *struct {
		Seeds   []Seed `json:"seeds"`
		Program *Seed  `json:"program"`
	} `json:"pda"`
}

// Seed is one PDA seed: a constant, an account's key (or a field of its data, of IDL type
// Account) or an argument.
type Seed struct {
	Kind    string `json:"kind"`
	Value   Bytes  `json:"value"`
	Path    string `json:"path"`
	Account string `json:"account"`
}

// TypeDef is a named IDL type.
type TypeDef struct {
	Name string `json:"name"`
	Type struct {
		Kind   string `json:"kind"`
		Fields []struct {
			Name string          `json:"name"`
			Type json.RawMessage `json:"type"`
		} `json:"fields"`
	} `json:"type"`
}

// IDLError is one entry of the IDL's error table.
type IDLError struct {
	Code uint32 `json:"code"`
	Name string `json:"name"`
	Msg  string `json:"msg"`
}

// LoadIDL reads an IDL file.
func LoadIDL(path string) (*IDL, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read IDL: %w", err)
	}
	var idl IDL
	if err := json.Unmarshal(raw, &idl); err != nil {
		return nil, fmt.Errorf("parse IDL %s: %w", path, err)
	}
	return &idl, nil
}

// Bytes is a byte string as IDLs write it: a JSON array of numbers (not base64).
type Bytes []byte

// UnmarshalJSON reads an array of numbers from 0 to 255.
func (b *Bytes) UnmarshalJSON(data []byte) error {
	var ints []int
	if err := json.Unmarshal(data, &ints); err != nil {
		return fmt.Errorf("byte array: %w", err)
	}
	out := make([]byte, len(ints))
	for i, v := range ints {
		if v < 0 || v > 255 {
			return fmt.Errorf("byte array: %d at %d is not a byte", v, i)
		}
		out[i] = byte(v)
	}
	*b = out
	return nil
}

// Discriminator is Anchor's: the first 8 bytes of sha256("<namespace>:<name>").
func Discriminator(namespace, name string) []byte {
	sum := sha256.Sum256([]byte(namespace + ":" + name))
	return sum[:8]
}

// Type returns the named type, or nil.
func (idl *IDL) Type(name string) *TypeDef {
	for i := range idl.Types {
		if idl.Types[i].Name == name {
			return &idl.Types[i]
		}
	}
	return nil
}
