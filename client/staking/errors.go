package staking

import (
	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/staking/gen"
)

// programErrors decodes staking instruction failures into *anchor.ProgramError by the IDL's table.
var programErrors = anchor.MustErrors("staking", gen.IDL)

// ErrorName is the staking program error's name carried by err ("" when err is not one).
func ErrorName(err error) string { return programErrors.Name(err) }
