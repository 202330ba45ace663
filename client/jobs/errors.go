package jobs

import (
	"github.com/ionet-oss/ionet/client/anchor"
	"github.com/ionet-oss/ionet/client/jobs/gen"
)

// programErrors decodes jobs instruction failures into *anchor.ProgramError by the IDL's table.
var programErrors = anchor.MustErrors("jobs", gen.IDL)

// ErrorName is the jobs program error's name carried by err ("" when err is not one).
func ErrorName(err error) string { return programErrors.Name(err) }
