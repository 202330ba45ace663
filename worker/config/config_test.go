package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func write(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	return path
}

func TestLoadYAMLAndJSON(t *testing.T) {
	want := Defaults()
	want.RPCURL, want.OwnerKeypair, want.DeviceKeypair = "http://node:8899", "owner.json", "device.json"
	want.GPUClass, want.GPUCount, want.SpecDir = "H100", 8, "/specs"
	want.PriceFloor = map[string]uint64{"IO": 150_000_000}
	want.PollInterval = 2 * time.Second

	yml := write(t, "worker.yaml", `
rpc_url: http://node:8899
owner_keypair: owner.json
device_keypair: device.json
gpu_class: H100
gpu_count: 8
spec_dir: /specs
price_floor: {IO: 150000000}
poll_interval: 2s
`)
	jsn := write(t, "worker.json", `{"rpc_url": "http://node:8899", "owner_keypair": "owner.json", "device_keypair": "device.json",
 "gpu_class": "H100", "gpu_count": 8, "spec_dir": "/specs", "price_floor": {"IO": 150000000}, "poll_interval": "2s"}`)
	for _, path := range []string{yml, jsn} {
		got, err := Load(path)
		require.NoError(t, err, path)
		assert.Equal(t, want, got, path)
		assert.NoError(t, got.Validate())
	}
}

func TestLoadRejectsUnknownKeys(t *testing.T) {
	_, err := Load(write(t, "worker.yaml", "gpu_clas: H100\n"))
	require.ErrorContains(t, err, "field gpu_clas not found")
}

func TestValidate(t *testing.T) {
	ok := Defaults()
	ok.OwnerKeypair, ok.DeviceKeypair, ok.GPUClass, ok.SpecDir = "o", "d", "CPU-TEST", "specs"
	for _, tc := range []struct {
		name   string
		change func(*Config)
		want   string
	}{
		{"complete", func(*Config) {}, ""},
		{"no keys", func(c *Config) { c.OwnerKeypair, c.DeviceKeypair = "", "" }, "owner_keypair (--owner) is required; device_keypair (--device) is required"},
		{"zero GPUs", func(c *Config) { c.GPUCount = 0 }, "gpu_count must be at least 1"},
		{"unknown runtime", func(c *Config) { c.Runtime = "vm" }, `runtime "vm": choose process or container`},
		{"no spec dir", func(c *Config) { c.SpecDir = "" }, "spec_dir (--spec-dir) for the process runtime is required"},
		{"bad floor mint", func(c *Config) { c.PriceFloor = map[string]uint64{"SOL": 1} }, `price_floor key "SOL": use IO or USDC`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := ok
			tc.change(&c)
			err := c.Validate()
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tc.want)
		})
	}
}
