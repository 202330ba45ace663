package governance

import (
	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/governance/gen"
)

// programErrors decodes governance instruction failures into *anchor.ProgramError by the IDL's table.
var programErrors = anchor.MustErrors("governance", gen.IDL)

// ErrorName is the governance program error's name carried by err ("" when err is not one).
func ErrorName(err error) string { return programErrors.Name(err) }
