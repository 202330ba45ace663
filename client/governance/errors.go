package governance

import (
	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/governance/gen"
)

// Errors is the governance program's error table (the IDL's): it decodes the governance instruction failures into
// *anchor.ProgramError.
var Errors = anchor.MustErrors("governance", gen.IDL)

// ErrorName is the governance program error's name carried by err ("" when err is not one).
func ErrorName(err error) string { return Errors.Name(err) }
