package schedule

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// referenceTable is the shared reference (80-digit decimal arithmetic), one row per epoch:
// epoch, exact IO (30 significant digits), floor in base units, running sum of the floors.
const referenceTable = "shared/data/emission-epochs.tsv.gz"

// referencePath finds the shared folder beside the repository root (the directory holding
// go.mod), as CI lays it out, and fails saying where it looked.
func referencePath(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "no go.mod above the test directory: cannot find the repository root")
		dir = parent
	}
	path := filepath.Join(filepath.Dir(dir), referenceTable)
	_, err = os.Stat(path)
	require.NoError(t, err, "the emission reference table is missing: expected %s (the shared folder beside the repository root %s)", path, dir)
	return path
}

// referenceRow is one parsed line of the reference table.
type referenceRow struct {
	epoch, floor, cumulative uint64
	exactIO                  string
}

func readReference(t *testing.T) []referenceRow {
	t.Helper()
	f, err := os.Open(referencePath(t))
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err, "decompress the reference table")
	var rows []referenceRow
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		if line := sc.Text(); !strings.HasPrefix(line, "#") {
			row, err := parseReferenceLine(line)
			require.NoError(t, err)
			rows = append(rows, row)
		}
	}
	require.NoError(t, sc.Err(), "read the reference table")
	require.NoError(t, zr.Close(), "reference table checksum")
	return rows
}

func parseReferenceLine(line string) (referenceRow, error) {
	fields := strings.Split(line, "\t")
	if len(fields) != 4 {
		return referenceRow{}, fmt.Errorf("reference line %q has %d fields, want 4", line, len(fields))
	}
	var nums [3]uint64
	for i, field := range []string{fields[0], fields[2], fields[3]} {
		v, err := strconv.ParseUint(field, 10, 64)
		if err != nil {
			return referenceRow{}, fmt.Errorf("reference line %q: %w", line, err)
		}
		nums[i] = v
	}
	return referenceRow{epoch: nums[0], exactIO: fields[1], floor: nums[1], cumulative: nums[2]}, nil
}

// Every epoch against the independent reference: the floor, its running sum, and the exact
// value (which also checks the 512-bit series the exact-floor test relies on). Mismatches are
// collected so a failure says how many epochs are off.
func TestAmountMatchesReferenceTable(t *testing.T) {
	rows := readReference(t)
	require.Len(t, rows, int(LastEpoch))
	series := exactSeries()
	// 30 significant digits need 100 bits; 128 keep the comparison well inside 1e-28.
	ref, diff := new(big.Float).SetPrec(128), new(big.Float).SetPrec(128)
	tolerance := big.NewFloat(1e-28)
	perIO := big.NewFloat(float64(BaseUnitsPerIO))
	var mismatches []string
	mismatch := func(format string, args ...any) { mismatches = append(mismatches, fmt.Sprintf(format, args...)) }
	for i, row := range rows {
		epoch := uint64(i + 1)
		require.Equal(t, epoch, row.epoch, "reference row %d", i)
		if got := floorAmount(epoch); got != row.floor {
			mismatch("epoch %d: floor %d, reference %d", epoch, got, row.floor)
		}
		if epoch < LastEpoch {
			if got := Amount(epoch); got != row.floor {
				mismatch("epoch %d: amount %d, reference %d", epoch, got, row.floor)
			}
			if got := Cumulative(epoch); got != row.cumulative {
				mismatch("epoch %d: cumulative %d, reference %d", epoch, got, row.cumulative)
			}
		}

		if _, ok := ref.SetString(row.exactIO); !ok {
			mismatch("epoch %d: unparsable exact value %q", epoch, row.exactIO)
			continue
		}
		ref.Mul(ref, perIO)
		diff.Sub(ref, series[epoch])
		if diff.Quo(diff, ref).Abs(diff).Cmp(tolerance) >= 0 {
			mismatch("epoch %d: exact value %s base units, 512-bit series %s", epoch, ref.Text('g', 30), series[epoch].Text('g', 30))
		}
	}
	assert.Empty(t, mismatches, "%d mismatches", len(mismatches))
	last := rows[len(rows)-1]
	assert.Equal(t, last.cumulative+43_598, Cumulative(LastEpoch), "the final epoch tops the rounded-down sum up to the cap")
	assert.Equal(t, TotalEmission, Cumulative(LastEpoch))
}
