package main

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"text/tabwriter"

	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/jobs"
	"github.com/ionet-oss/ionet/worker/results"
)

// jobFetchCommand is `job fetch`; programs adds the program id flags.
func jobFetchCommand(programs func(...ucli.Flag) []ucli.Flag) *ucli.Command {
	return &ucli.Command{
		Name:      "fetch",
		Usage:     "download a job's results and check every file against its attested result hash",
		ArgsUsage: "ID",
		Flags: programs(
			&ucli.StringFlag{Name: "to", Required: true, Usage: "directory the checked results are written into"},
			&ucli.StringFlag{Name: "spec", Usage: "the job's spec file (its hash must be the job's): its output URL is fetched"},
			&ucli.StringFlag{Name: "from", Usage: "URL to GET the results archive from instead (a presigned GET URL)"},
			&ucli.StringFlag{Name: "result-hash", Usage: "the attested result hash in hex, for a job that has closed"}),
		Action: cli.Action(runJobFetch),
	}
}

// fetchReport is what `job fetch` prints.
type fetchReport struct {
	Job        uint64         `json:"job"`
	Dir        string         `json:"dir"`
	ResultHash string         `json:"resultHash"`
	ExitCode   int            `json:"exitCode"`
	Files      []results.Kept `json:"files"`
}

func (r fetchReport) WriteHuman(w io.Writer) error {
	fmt.Fprintf(w, "Job %d: results checked against the attested hash %s and written to %s (exit code %d)\n", r.Job, r.ResultHash, r.Dir, r.ExitCode)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FILE\tBYTES\tSHA256")
	for _, f := range r.Files {
		fmt.Fprintf(tw, "%s\t%d\t%s\n", f.Path, f.Size, f.SHA256)
	}
	return tw.Flush()
}

func runJobFetch(c *ucli.Context, env *cli.Env) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	result, specHash, err := attestedHashes(c, env, id)
	if err != nil {
		return err
	}
	src, headers := c.String("from"), map[string]string(nil)
	if path := c.String("spec"); path != "" {
		spec, err := readSpecFile(path)
		if err != nil {
			return err
		}
		h, err := spec.Hash()
		if err != nil {
			return err
		}
		if specHash != nil && h != *specHash {
			return fmt.Errorf("--spec %s hashes to %x, not job %d's spec %x: give the spec the job was posted with", path, h, id, *specHash)
		}
		if spec.Output == nil && src == "" {
			return fmt.Errorf("--spec %s names no output target: give --from URL", path)
		}
		if src == "" {
			src, headers = spec.Output.URL, spec.Output.Headers
		}
	}
	if src == "" {
		return errors.New("say where the results are: --spec FILE (its output URL) or --from URL")
	}
	dest, err := filepath.Abs(c.String("to"))
	if err != nil {
		return fmt.Errorf("--to: %w", err)
	}
	m, err := results.Fetch(c.Context, &http.Client{Transport: headerTransport(headers)}, src, result, dest)
	if err != nil {
		return err
	}
	return env.Print(fetchReport{Job: id, Dir: dest, ResultHash: hex.EncodeToString(result[:]), ExitCode: m.Outcome.ExitCode, Files: results.KeptFiles(*m)})
}

// attestedHashes are the job's attested result hash (the sealed result digest) and its spec
// hash: from the chain while the job is attested, challenged or under audit, else the
// --result-hash given (spec unknown).
func attestedHashes(c *ucli.Context, env *cli.Env, id uint64) (result [32]byte, spec *[32]byte, err error) {
	if text := c.String("result-hash"); text != "" {
		b, err := hex.DecodeString(text)
		if err != nil || len(b) != 32 {
			return result, nil, fmt.Errorf("--result-hash %q: want 64 hex digits", text)
		}
		return [32]byte(b), nil, nil
	}
	client, err := jobsClient(c, env)
	if err != nil {
		return result, nil, err
	}
	job, err := client.FetchJob(c.Context, id)
	if errors.Is(err, jobs.ErrNotFound) {
		return result, nil, fmt.Errorf("job %d is closed or was never posted: give its attested hash with --result-hash", id)
	}
	if err != nil {
		return result, nil, err
	}
	if st := jobs.State(job.State); st != jobs.StateAttested && st != jobs.StateChallenged && st != jobs.StateAudited {
		return result, nil, fmt.Errorf("job %d is %s: it has no attested result yet", id, st)
	}
	return job.ResultHash, &job.SpecHash, nil
}

func readSpecFile(path string) (*jobs.Spec, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--spec: %w", err)
	}
	spec, err := jobs.ParseSpec(raw)
	if err != nil {
		return nil, fmt.Errorf("--spec %s: %w", path, err)
	}
	return spec, nil
}

// headerTransport adds the spec's output headers to each request.
type headerTransport map[string]string

func (h headerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if len(h) > 0 {
		r = r.Clone(r.Context())
		for k, v := range h {
			r.Header.Set(k, v)
		}
	}
	return http.DefaultTransport.RoundTrip(r)
}
