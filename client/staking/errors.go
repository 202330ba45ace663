package staking

import (
	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// Errors is the staking program's error table (the IDL's): it decodes the staking instruction failures into
// *anchor.ProgramError.
var Errors = anchor.MustErrors("staking", gen.IDL)

// ErrorName is the staking program error's name carried by err ("" when err is not one).
func ErrorName(err error) string { return Errors.Name(err) }
