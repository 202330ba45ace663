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
		Discriminator []byte `json:"discriminator"`
	} `json:"accounts"`
	Types  []TypeDef  `json:"types"`
	Errors []IDLError `json:"errors"`
}

// Instruction is one IDL instruction.
type Instruction struct {
	Name          string            `json:"name"`
	Discriminator []byte            `json:"discriminator"`
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
	Value   []byte `json:"value"`
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
	// Discriminators and seed values are number arrays: decode them through []int.
	var probe struct {
		Instructions []struct {
			Discriminator []int `json:"discriminator"`
			Accounts      []struct {
				PDA *struct {
					Seeds []struct {
						Value json.RawMessage `json:"value"`
					} `json:"seeds"`
				} `json:"pda"`
			} `json:"accounts"`
		} `json:"instructions"`
		Accounts []struct {
			Discriminator []int `json:"discriminator"`
		} `json:"accounts"`
	}
	if err := json.Unmarshal(raw, &probe); err != nil {
		return nil, fmt.Errorf("parse IDL %s: %w", path, err)
	}
	var idl IDL
	if err := json.Unmarshal(stripByteArrays(raw), &idl); err != nil {
		return nil, fmt.Errorf("parse IDL %s: %w", path, err)
	}
	for i, ix := range probe.Instructions {
		idl.Instructions[i].Discriminator = bytesOf(ix.Discriminator)
		for j, a := range ix.Accounts {
			if a.PDA == nil {
				continue
			}
			for k, s := range a.PDA.Seeds {
				var ints []int
				if len(s.Value) > 0 {
					if err := json.Unmarshal(s.Value, &ints); err != nil {
						return nil, fmt.Errorf("%s: %s seed %d: %w", path, idl.Instructions[i].Name, k, err)
					}
				}
				idl.Instructions[i].Accounts[j].PDA.Seeds[k].Value = bytesOf(ints)
			}
		}
	}
	for i, a := range probe.Accounts {
		idl.Accounts[i].Discriminator = bytesOf(a.Discriminator)
	}
	return &idl, nil
}

// stripByteArrays re-encodes the document with the number arrays that json would read as
// base64 []byte removed ("discriminator", "value"); LoadIDL fills them from the probe.
func stripByteArrays(raw []byte) []byte {
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return raw
	}
	var walk func(v any)
	walk = func(v any) {
		switch t := v.(type) {
		case map[string]any:
			for k, child := range t {
				if k == "discriminator" || k == "value" {
					delete(t, k)
					continue
				}
				walk(child)
			}
		case []any:
			for _, child := range t {
				walk(child)
			}
		}
	}
	walk(doc)
	out, err := json.Marshal(doc)
	if err != nil {
		return raw
	}
	return out
}

func bytesOf(ints []int) []byte {
	out := make([]byte, len(ints))
	for i, v := range ints {
		out[i] = byte(v)
	}
	return out
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
