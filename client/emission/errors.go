package emission

import (
	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/emission/gen"
)

// Errors is the emission program's error table (the IDL's): it decodes the emission instruction failures into
// *anchor.ProgramError.
var Errors = anchor.MustErrors("emission", gen.IDL)

// ErrorName is the emission program error's name carried by err ("" when err is not one).
func ErrorName(err error) string { return Errors.Name(err) }
