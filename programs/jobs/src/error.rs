//! The jobs program's errors. Codes, names and messages are mirrored in
//! `programs-idl/jobs.json` (`errors`), from which the Go client decodes them.

ionet_sdk::program_errors! {
    /// Errors of the jobs program.
    pub enum JobsError {
        Overflow = 6000 => "arithmetic overflow: the price, duration or amount is too large",
        InvalidParams = 6001 => "invalid parameters: fee rates at most 10000 bps in total, non-negative window and grace",
        Unauthorized = 6002 => "signer is not the jobs update authority",
        NotArbiter = 6003 => "signer is not the arbiter",
        WrongMint = 6004 => "mint is neither the configured IO nor USDC mint, or a token account is in another mint",
        WrongVault = 6005 => "token account is not the one this job or the config records",
        WrongOwner = 6006 => "token account or wallet belongs to someone else",
        InvalidJobArgs = 6007 => "invalid job: GPU count 1 to 1024, class index below 8, price and duration positive, duration at most 366 days",
        JobIdMismatch = 6008 => "job id is not the next id: another job took it; fetch the config and retry",
        JobNotFound = 6009 => "job account does not exist (never created, or already settled, cancelled or expired)",
        WrongJobState = 6010 => "the job is not in the state this instruction needs",
        WrongStakingAccount = 6011 => "staking account is not the staking program's config, device or position at its address",
        DeviceNotEligible = 6012 => "device stake is below what its GPU class and count require",
        DeviceMismatch = 6013 => "device GPU class or count does not match the job",
        WrongDevice = 6014 => "device is not the one that claimed this job",
        MissingSignatureInstruction = 6015 => "the instruction before this one must be an ed25519 signature verification",
        InvalidSignatureInstruction = 6016 => "ed25519 instruction must hold exactly one signature with offsets into its own data",
        WrongAttestationKey = 6017 => "attestation is signed by a key other than the job's device key",
        WrongAttestationMessage = 6018 => "signed message is not this job's attestation (other job, result or times)",
        InvalidAttestationTimes = 6019 => "attested times must satisfy claim <= start <= end <= now",
        WindowOpen = 6020 => "the challenge window is still open",
        WindowClosed = 6021 => "the challenge window has closed",
        NotExpired = 6022 => "the job's deadline plus grace has not passed yet",
        BondTooSmall = 6023 => "challenge bond is below the minimum share of the escrow",
        NotChecker = 6024 => "challenger is neither the buyer nor a staked checker",
        UnknownInstruction = 6025 => "unknown instruction discriminator",
        NotUpgradeAuthority = 6040 => "initialize must be signed by the jobs program's upgrade authority, with its ProgramData account",
        AttestationTooLate = 6080 => "the job's deadline plus grace has passed: it can no longer be attested, only expired",
        InsufficientFreeStake = 6081 => "device stake not reserved for its other claimed jobs is below this job's worst-case penalty (the larger of the expiry and fraud penalties): stake more or finish a job first",
        ResolutionDeadlinePassed = 6082 => "the challenge's resolution deadline has passed: the arbiter can no longer resolve it; anyone applies the default outcome (lapse_challenge)",
        ResolutionPending = 6083 => "the arbiter may still resolve this challenge: the default outcome applies only after its resolution deadline",
        SpecHashMismatch = 6100 => "the published spec bytes do not hash to the job's spec hash: publish the job's canonical spec",
        SpecOutOfOrder = 6101 => "spec chunks are written in order: at the offset written so far, with the same total length, into a spec not yet complete",
        InvalidSpecLength = 6102 => "spec length must be 1 to 10000 bytes, and a chunk must be non-empty and end within it",
        SpecStillNeeded = 6103 => "the spec's job still exists: only its buyer may close the spec before the job closes",
        InvalidExtension = 6104 => "an extension adds at least one second and keeps the job at most 366 days",
        NoArbiter = 6120 => "the config has no arbiter (zero key): governance removed it",
        CheckerStakeTooLow = 6121 => "checker stake is below the configured minimum checker stake",
        CheckerExists = 6122 => "this owner already has a Checker account: withdraw it before registering again",
        CheckerRegistryFull = 6123 => "the checker registry is full and this stake does not exceed its smallest entry's",
        InvalidCheckerArgs = 6124 => "invalid checker: a non-zero verdict key and at least one GPU class",
        CheckerRegistered = 6125 => "the checker is still in the registry: leave_checkers first",
        CheckerCoolingDown = 6126 => "the checker's cooldown has not ended (unlock_ts)",
        CheckerHasOpenAudits = 6127 => "the checker still has open audits: wait until they close",
        WrongChecker = 6128 => "checker account is not the Checker this audit, slot or pick names",
        WrongVerdictKey = 6129 => "signer is not the checker's verdict key",
        AuditExempt = 6130 => "the job is exempt from audits (its spec opts out, or its run failed)",
        AlreadyDrawn = 6131 => "the job's audit has already been drawn",
        DrawTooEarly = 6132 => "the slot after the attestation is not complete yet: draw again in a moment",
        DrawExpired = 6133 => "the seed slot's hash is no longer in SlotHashes: the job can no longer be drawn",
        WrongAudit = 6134 => "audit account is not this job's Audit",
        NoEmptySlot = 6135 => "every checker slot the audit needs is filled",
        VerdictTooLate = 6136 => "the slot's verdict deadline has passed",
        DeadlineNotPassed = 6137 => "the slot has a verdict, or its deadline has not passed yet",
        AlreadyVoted = 6138 => "this checker's verdict is already recorded",
        AuditUndecided = 6139 => "the verdicts do not decide this audit that way: settle needs 1 of 1 or 2 of 3 matches (or 3 votes with no agreeing mismatches), convict 2 of 3 mismatches on the same digest",
        WrongCheckerAccounts = 6140 => "after the named accounts come each filled slot's Checker (and, for settle_audited, its owner's token account in the job's mint), in slot order",
        NotRegistered = 6141 => "the checker is not in the registry (left, evicted or dropped)",
        VerdictNotCommitted = 6142 => "this slot has no unrevealed verdict commitment: submit_verdict first",
        RevealTooEarly = 6143 => "not every checker the audit needs has committed yet: reveal once they have",
        RevealMismatch = 6144 => "sha256(digest || checker owner) is not this slot's commitment",
        NotSampled = 6145 => "only the one checker of a sampled (1-checker) audit escalates it",
    }
}

impl ionet_sdk::token::WrongMint for JobsError {
    const WRONG_MINT: Self = Self::WrongMint;
}

impl ionet_sdk::token::WrongOwner for JobsError {
    const WRONG_OWNER: Self = Self::WrongOwner;
}
