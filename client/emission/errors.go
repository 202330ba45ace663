package emission

import (
	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/emission/gen"
)

// programErrors decodes emission instruction failures into *anchor.ProgramError by the IDL's table.
var programErrors = anchor.MustErrors("emission", gen.IDL)

// ErrorName is the emission program error's name carried by err ("" when err is not one).
func ErrorName(err error) string { return programErrors.Name(err) }
