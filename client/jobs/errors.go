package jobs

import (
	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/jobs/gen"
)

// Errors is the jobs program's error table (the IDL's): it decodes the jobs instruction failures into
// *anchor.ProgramError.
var Errors = anchor.MustErrors("jobs", gen.IDL)

// ErrorName is the jobs program error's name carried by err ("" when err is not one).
func ErrorName(err error) string { return Errors.Name(err) }
