package keepercli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gagliardetto/solana-go"
	ucli "github.com/urfave/cli/v2"

	"github.com/ionet-oss/ionet/cli"
	"github.com/ionet-oss/ionet/client/solanax"
	"github.com/ionet-oss/ionet/keeper"
	"github.com/ionet-oss/ionet/keeper/duties"
)

const flagDuties = "duties"

// allKinds are the duties a keeper runs unless --duties says otherwise.
var allKinds = []string{duties.KindCrank, duties.KindSettle, duties.KindExpire, duties.KindLapse, duties.KindCloseSpec, duties.KindFinalize, duties.KindExecute, duties.KindActivate,
	duties.KindChallenge, duties.KindCapacityExpire, duties.KindSlashFault,
	duties.KindAuditDraw, duties.KindAuditAssign, duties.KindAuditReplace, duties.KindAuditFinalize}

// programFlags choose the programs and the duties.
func programFlags() []ucli.Flag {
	return append(cli.ProgramFlags(cli.ProgramStaking, cli.ProgramJobs, cli.ProgramEmission, cli.ProgramGovernance, cli.ProgramCapacity),
		&ucli.StringFlag{Name: flagDuties, Value: strings.Join(allKinds, ","), Usage: "comma-separated kinds of work to do"})
}

// setUp is the duties asked for and the IO mint (tips are paid in it).
type setUp struct {
	duties []keeper.Duty
	ioMint solana.PublicKey
}

// newDuties reads the program and duty flags.
func newDuties(c *ucli.Context, env *cli.Env, sx *solanax.Client) (setUp, error) {
	programs := cli.NewPrograms(c, sx, env.RPCURL, cli.FlagOverrides(c)) // the --url cluster's deployment; the flags override it
	stk, err := programs.Staking()
	if err != nil {
		return setUp{}, err
	}
	jc, err := programs.Jobs()
	if err != nil {
		return setUp{}, err
	}
	em, err := programs.Emission()
	if err != nil {
		return setUp{}, err
	}
	gov, err := programs.Governance()
	if err != nil {
		return setUp{}, err
	}
	cp, err := programs.Capacity()
	if err != nil {
		return setUp{}, err
	}
	byKind := map[string]keeper.Duty{
		duties.KindCrank: duties.NewCrank(em), duties.KindSettle: duties.NewSettle(jc), duties.KindExpire: duties.NewExpire(jc), duties.KindLapse: duties.NewLapse(jc),
		duties.KindCloseSpec: duties.NewCloseSpec(jc),
		duties.KindFinalize:  duties.NewFinalize(gov), duties.KindExecute: duties.NewExecute(gov),
		duties.KindActivate:  duties.NewActivate(stk),
		duties.KindChallenge: duties.NewChallenge(cp, stk), duties.KindCapacityExpire: duties.NewCapacityExpire(cp, stk), duties.KindSlashFault: duties.NewSlashFault(cp, stk),
		duties.KindAuditDraw: duties.NewAuditDraw(jc), duties.KindAuditAssign: duties.NewAuditAssign(jc),
		duties.KindAuditReplace: duties.NewAuditReplace(jc), duties.KindAuditFinalize: duties.NewAuditFinalize(jc),
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
