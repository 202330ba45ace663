package worker

import (
	"context"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/gagliardetto/solana-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/client/jobs/gen"
)

func TestSpecDir(t *testing.T) {
	dir := SpecDir(t.TempDir())
	spec := &jobs.Spec{Command: []string{"python", "train.py"}, Environment: map[string]string{"EPOCHS": "3"}}
	h, err := dir.Publish(spec)
	require.NoError(t, err)
	got, err := dir.Load(h)
	require.NoError(t, err)
	assert.Equal(t, spec, got)

	_, err = dir.Load([32]byte{9})
	require.ErrorIs(t, err, errNoSpec)

	path := filepath.Join(string(dir), hex.EncodeToString(h[:])+".json")
	require.NoError(t, os.WriteFile(path, []byte(`{"command":["rm","-rf","/"]}`), 0o644))
	_, err = dir.Load(h)
	require.ErrorContains(t, err, "the file was changed")
}

func TestMatch(t *testing.T) {
	io, usdc := solana.NewWallet().PublicKey(), solana.NewWallet().PublicKey()
	specs := SpecDir(t.TempDir())
	h, err := specs.Publish(&jobs.Spec{Command: []string{"true"}})
	require.NoError(t, err)
	w := &Worker{
		opt:    Options{Specs: specs, PriceFloor: map[solana.PublicKey]uint64{io: 100}},
		device: Device{Class: 2, Name: "L40S", GPUCount: 4},
		mints:  map[solana.PublicKey]string{io: "IO", usdc: "USDC"},
	}
	ok := gen.Job{GpuClass: 2, GpuCount: 4, Mint: io, PricePerHour: 100, SpecHash: h}
	for _, tc := range []struct {
		name   string
		change func(*gen.Job)
		want   string
	}{
		{"matches", func(*gen.Job) {}, ""},
		{"fewer GPUs is fine", func(j *gen.Job) { j.GpuCount = 1 }, ""},
		{"no floor in USDC", func(j *gen.Job) { j.Mint, j.PricePerHour = usdc, 1 }, ""},
		{"other class", func(j *gen.Job) { j.GpuClass = 0 }, "class 0, this device is L40S (2)"},
		{"more GPUs", func(j *gen.Job) { j.GpuCount = 8 }, "8 GPUs wanted, this device has 4"},
		{"below the floor", func(j *gen.Job) { j.PricePerHour = 99 }, "price 99 per hour is below the floor 100"},
		{"unknown mint", func(j *gen.Job) { j.Mint = solana.PublicKey{} }, "paid in unknown mint"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			job := ok
			tc.change(&job)
			spec, why := w.match(context.Background(), &job)
			if tc.want == "" {
				require.Empty(t, why)
				require.NotNil(t, spec)
				return
			}
			assert.Contains(t, why, tc.want)
		})
	}
}
