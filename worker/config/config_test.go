package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ionet-oss/ionet/worker/runtime"
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
	want.WSURL = "ws://node:8900" // derived from rpc_url, as --ws is from --url
	want.PriceFloor = map[string]string{"IO": "1.5"}
	want.PollInterval = 2 * time.Second

	yml := write(t, "worker.yaml", `
rpc_url: http://node:8899
owner_keypair: owner.json
device_keypair: device.json
gpu_class: H100
gpu_count: 8
spec_dir: /specs
price_floor: {IO: "1.5"}
poll_interval: 2s
`)
	jsn := write(t, "worker.json", `{"rpc_url": "http://node:8899", "owner_keypair": "owner.json", "device_keypair": "device.json",
 "gpu_class": "H100", "gpu_count": 8, "spec_dir": "/specs", "price_floor": {"IO": 1.5}, "poll_interval": "2s"}`)
	for _, path := range []string{yml, jsn} {
		got, err := Load(path)
		require.NoError(t, err, path)
		assert.Equal(t, want, got, path)
		assert.NoError(t, got.Validate())
	}
}

func TestLoadRejectsUnknownKeys(t *testing.T) {
	_, err := Load(write(t, "worker.yaml", "gpu_clas: H100\n"))
	require.ErrorContains(t, err, `unknown key "gpu_clas"`)
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
		{"no keys", func(c *Config) { c.OwnerKeypair, c.DeviceKeypair = "", "" }, "owner_keypair (--owner-keypair) is required; device_keypair (--device-keypair) is required"},
		{"zero GPUs", func(c *Config) { c.GPUCount = 0 }, "gpu_count must be at least 1"},
		{"unknown runtime", func(c *Config) { c.Runtime = "vm" }, `runtime "vm": choose process or container`},
		{"no spec dir: the work dir's cache", func(c *Config) { c.SpecDir = "" }, ""},
		{"bad floor mint", func(c *Config) { c.PriceFloor = map[string]string{"SOL": "1"} }, `price_floor key "SOL": use IO or USDC`},
		{"bad floor amount", func(c *Config) { c.PriceFloor = map[string]string{"IO": "1.5.0"} }, `price_floor IO "1.5.0"`},
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

// TestExampleLoads: the shipped worker.example.yaml loads, validates, and means what its
// comments say.
func TestExampleLoads(t *testing.T) {
	c, err := Load(filepath.Join("..", "worker.example.yaml"))
	require.NoError(t, err)
	require.NoError(t, c.Validate())
	assert.Equal(t, "ws://127.0.0.1:8900", c.WSURL)
	assert.Equal(t, RuntimeContainer, c.Runtime)
	floors, err := c.Floors()
	require.NoError(t, err)
	assert.Equal(t, map[string]uint64{"IO": 150_000_000, "USDC": 400_000}, floors)
	assert.Equal(t, 5*time.Second, c.PollInterval)
	assert.Equal(t, uint64(8<<30), c.MemoryLimit)
}

func TestWSURLGivenOrEmpty(t *testing.T) {
	c, err := Load(write(t, "w.yaml", "rpc_url: https://node.example\nws_url: \"\"\n"))
	require.NoError(t, err)
	assert.Empty(t, c.WSURL, "an empty ws_url polls only")
	c, err = Load(write(t, "w.yaml", "rpc_url: https://node.example\n"))
	require.NoError(t, err)
	assert.Equal(t, "wss://node.example", c.WSURL)
}

// TestDishonestRuntimeIsTestOnly: a production build refuses the test-only dishonest runtime;
// only a binary built with -tags ionet_testruntime accepts it.
func TestDishonestRuntimeIsTestOnly(t *testing.T) {
	c := Defaults()
	c.OwnerKeypair, c.DeviceKeypair, c.GPUClass, c.Runtime = "o", "d", "CPU-TEST", RuntimeDishonest
	if runtime.DishonestAllowed {
		require.NoError(t, c.Validate())
		return
	}
	require.ErrorContains(t, c.Validate(), `runtime "dishonest" is a test-only runtime (build with -tags ionet_testruntime)`)
}
