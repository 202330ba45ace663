package keepercli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/capacity"
	capacitygen "github.com/ionet-oss/ionet/client/capacity/gen"
	"github.com/ionet-oss/ionet/client/emission"
	emissiongen "github.com/ionet-oss/ionet/client/emission/gen"
	"github.com/ionet-oss/ionet/client/governance"
	governancegen "github.com/ionet-oss/ionet/client/governance/gen"
	"github.com/ionet-oss/ionet/client/jobs"
	jobsgen "github.com/ionet-oss/ionet/client/jobs/gen"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/client/staking"
	stakinggen "github.com/ionet-oss/ionet/client/staking/gen"
	"github.com/ionet-oss/ionet/keeper"
	"github.com/ionet-oss/ionet/keeper/duties"
)

const (
	flagStaking    = "staking-program"
	flagJobs       = "jobs-program"
	flagEmission   = "emission-program"
	flagGovernance = "governance-program"
	flagCapacity   = "capacity-program"
	flagDuties     = "duties"
)

// allKinds are the duties a keeper runs unless --duties says otherwise.
var allKinds = []string{duties.KindCrank, duties.KindSettle, duties.KindExpire, duties.KindLapse, duties.KindCloseSpec, duties.KindFinalize, duties.KindExecute, duties.KindActivate,
	duties.KindChallenge, duties.KindCapacityExpire, duties.KindSlashFault}

// programFlags choose the programs and the duties.
func programFlags() []ucli.Flag {
	return []ucli.Flag{
		&ucli.StringFlag{Name: flagStaking, Usage: "staking program id (default: " + stakinggen.ProgramID.String() + ", the localnet's)"},
		&ucli.StringFlag{Name: flagJobs, Usage: "jobs program id (default: " + jobsgen.ProgramID.String() + ", the localnet's)"},
		&ucli.StringFlag{Name: flagEmission, Usage: "emission program id (default: " + emissiongen.ProgramID.String() + ", the localnet's)"},
		&ucli.StringFlag{Name: flagGovernance, Usage: "governance program id (default: " + governancegen.ProgramID.String() + ", the localnet's)"},
		&ucli.StringFlag{Name: flagCapacity, Usage: "capacity program id (default: " + capacitygen.ProgramID.String() + ", the localnet's)"},
		&ucli.StringFlag{Name: flagDuties, Value: strings.Join(allKinds, ","), Usage: "comma-separated kinds of work to do"},
	}
}

// setUp is the duties asked for and the IO mint (tips are paid in it).
type setUp struct {
	duties []keeper.Duty
	ioMint solana.PublicKey
}

// newDuties reads the program and duty flags.
func newDuties(c *ucli.Context, sx *solanax.Client) (setUp, error) {
	var ids [5]solana.PublicKey
	deployed, err := cli.CommandProgramIDs(c, "staking", "jobs", "emission", "governance", "capacity")
	if err != nil {
		return setUp{}, err
	}
	copy(ids[:], deployed) // the --url cluster's deployment; the flags override it
	for i, name := range []string{flagStaking, flagJobs, flagEmission, flagGovernance, flagCapacity} {
		if text := c.String(name); text != "" {
			var err error
			if ids[i], err = solana.PublicKeyFromBase58(text); err != nil {
				return setUp{}, fmt.Errorf("--%s %q is not a base58 public key: %w", name, text, err)
			}
		}
	}
	stk, err := staking.New(sx, ids[0])
	if err != nil {
		return setUp{}, err
	}
	jc, err := jobs.New(sx, ids[1], stk)
	if err != nil {
		return setUp{}, err
	}
	em, err := emission.New(sx, ids[2], stk.ProgramID)
	if err != nil {
		return setUp{}, err
	}
	gov, err := governance.New(sx, ids[3], stk.ProgramID)
	if err != nil {
		return setUp{}, err
	}
	cp, err := capacity.New(sx, ids[4], stk.ProgramID)
	if err != nil {
		return setUp{}, err
	}
	byKind := map[string]keeper.Duty{
		duties.KindCrank: duties.NewCrank(em), duties.KindSettle: duties.NewSettle(jc), duties.KindExpire: duties.NewExpire(jc), duties.KindLapse: duties.NewLapse(jc),
		duties.KindCloseSpec: duties.NewCloseSpec(jc),
		duties.KindFinalize:  duties.NewFinalize(gov), duties.KindExecute: duties.NewExecute(gov),
		duties.KindActivate:  duties.NewActivate(stk),
		duties.KindChallenge: duties.NewChallenge(cp, stk), duties.KindCapacityExpire: duties.NewCapacityExpire(cp, stk), duties.KindSlashFault: duties.NewSlashFault(cp, stk),
	}
	var out setUp
	for _, kind := range strings.Split(c.String(flagDuties), ",") {
		kind = strings.TrimSpace(kind)
		d, ok := byKind[kind]
		if !ok {
			return setUp{}, fmt.Errorf("--%s: unknown kind %q: choose from %s", flagDuties, kind, strings.Join(allKinds, ", "))
		}
		if !slices.Contains(out.duties, d) {
			out.duties = append(out.duties, d)
		}
	}
	if st, err := em.FetchState(c.Context); err == nil {
		out.ioMint = st.IoMint
	} else if f, err := jc.Fixed(c.Context); err == nil {
		out.ioMint = f.IOMint
	}
	return out, nil
}
