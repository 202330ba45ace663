//! The governance program's errors. Codes, names and messages are mirrored in
//! `programs-idl/governance.json` (`errors`), from which the Go client decodes them.

ionet_sdk::program_errors! {
    /// Errors of the governance program.
    pub enum GovernanceError {
        InvalidParams = 6000 => "invalid parameters: voting period 1 to 30 days, quorum 400 to 10000 bps, timelock 1 to 30 days, minimum stake above 0",
        Overflow = 6001 => "arithmetic overflow",
        InvalidTitle = 6002 => "title must be 1 to 64 bytes",
        UriTooLong = 6003 => "URI must be at most 128 bytes",
        TooManyActions = 6004 => "a proposal carries at most 4 actions",
        ActionTooLarge = 6005 => "an action names at most 4 accounts and 512 bytes of instruction data",
        ActionSignerNotGovernance = 6006 => "an action may ask only the governance PDA to sign",
        BelowMinimumStake = 6007 => "proposer's active stake is below the minimum stake to propose",
        WrongStakingAccount = 6008 => "account is not the staking program's config or the signer's stake position",
        WrongAccountType = 6009 => "account is not the expected governance account type",
        VotingClosed = 6010 => "voting on this proposal has ended or it is no longer in voting",
        VotingNotEnded = 6011 => "the voting period has not ended yet",
        AlreadyVoted = 6012 => "this stake position already voted on this proposal",
        NoVotingWeight = 6013 => "the stake position had no active stake when the proposal was created (stake added since, or in its second, does not vote; after two additions since, none)",
        InvalidChoice = 6014 => "vote must be 0 (yes), 1 (no) or 2 (abstain)",
        NotSucceeded = 6015 => "only a succeeded proposal can be executed",
        TimelockNotElapsed = 6016 => "the timelock after voting has not elapsed yet",
        AlreadyExecuted = 6017 => "the proposal was already executed",
        ActionAccountMismatch = 6018 => "accounts passed to execute differ from the proposal's actions (program, then its accounts, in order)",
        NotProposer = 6019 => "only the proposer can cancel",
        ProposalHasVotes = 6020 => "a proposal with votes cannot be cancelled",
        NotVoting = 6021 => "the proposal is not in voting",
        UnknownInstruction = 6022 => "unknown instruction discriminator",
        NotUpgradeAuthority = 6023 => "initialize must be signed by the governance program's upgrade authority, with its ProgramData account",
        ActionNotAllowed = 6060 => "an action may only be update_params of staking, jobs, emission or capacity (accounts: the governance PDA signing, then the program's config, writable) or governance's own update_config (the governance PDA, signing and writable)",
        ActionOutOfBounds = 6061 => "an action's parameters are outside the target program's bounds (or would change its authority or slasher): see the Params docs in its IDL",
        WrongActionProgram = 6062 => "create_proposal needs, after its fixed accounts, each action's program and config account, in action order",
        UpgradeActionMalformed = 6120 => "an upgrade action is the loader's Upgrade with data: tag 3 (u32) then the buffer's 32-byte SHA-256; accounts: ProgramData, program, buffer, spill, each distinct, all writable, none signing; execute passes the rent and clock sysvars after them",
        UpgradeWrongProgramData = 6121 => "the upgrade's program is not an upgradeable program (owned by the BPF Loader Upgradeable) whose ProgramData is the action's first account",
        ProgramNotGoverned = 6122 => "the upgrade's ProgramData does not name the governance PDA as upgrade authority: hand the program over first (ionet deploy --hand-over-upgrades)",
        BufferNotGoverned = 6123 => "the upgrade's buffer is not a loader buffer whose authority is the governance PDA (ionet deploy --write-buffer PROGRAM --buffer-authority <governance PDA>)",
        UpgradeHashMismatch = 6124 => "the buffer's SHA-256 (its program bytes without trailing zeros) is not the one in the proposal: the buffer differs from what was proposed",
    }
}
