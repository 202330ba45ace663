//! The staking program's errors. Codes, names and messages are mirrored in
//! `programs-idl/staking.json` (`errors`), from which the Go client decodes them.

ionet_sdk::program_errors! {
    /// Errors of the staking program.
    pub enum StakingError {
        ZeroAmount = 6000 => "amount must be greater than zero",
        Overflow = 6001 => "arithmetic overflow: the amount is too large",
        InvalidParams = 6002 => "invalid parameters: check cooldown, burn share, minimum device stake and GPU classes",
        Unauthorized = 6003 => "signer is not the staking authority",
        NotSlasher = 6004 => "signer is neither the configured slasher (the jobs program) nor a registered one (add_slasher; its entry must be among slash's remaining accounts)",
        WrongOwner = 6005 => "account belongs to another owner",
        WrongMint = 6006 => "token account or mint is not the IO mint",
        WrongVault = 6007 => "vault is not this program's vault",
        WrongAccountType = 6008 => "account is not the expected staking account type",
        InsufficientStake = 6009 => "amount exceeds the active stake",
        CooldownSlotsFull = 6010 => "every cooldown slot is in use: withdraw ended cooldowns first",
        CooldownNotElapsed = 6011 => "no cooldown has ended yet",
        NothingToWithdraw = 6012 => "nothing is cooling down",
        NothingToClaim = 6013 => "no rewards to claim",
        UnknownGpuClass = 6014 => "GPU class index is not in the class table",
        InvalidGpuCount = 6015 => "GPU count must be between 1 and 1024",
        SlashExceedsStake = 6016 => "slash amount exceeds the device's active and cooling stake",
        UnknownInstruction = 6017 => "unknown instruction discriminator",
        PositionLocked = 6018 => "position is locked by a governance vote until the proposal's voting ends: retry after it",
        InvalidLockTime = 6019 => "lock time must be between 0 and 30 days from now",
        NotUpgradeAuthority = 6040 => "initialize must be signed by the staking program's upgrade authority, with its ProgramData account",
        NoStakeToReward = 6060 => "nothing is staked: a donation would go to whoever stakes next, so it is refused; fund once stake is active",
        NoEarningStake = 6061 => "no stake earns epoch rewards yet (all of it is warming up): the emission crank routes such epochs elsewhere",
        NotEpochFunder = 6062 => "only the IO mint authority (the emission program) funds epoch rewards; fund with epochs_end_ts = 0 to donate",
        InvalidEpochEnd = 6063 => "epochs_end_ts must not precede the epochs already funded nor lie in the future",
        SlasherFixed = 6064 => "the slasher is fixed at initialize: update_params must keep it",
        NothingToActivate = 6065 => "no warming stake can start earning yet: every epoch that started before it was staked must be funded first",
        OfferClosed = 6120 => "the device's co-staking offer is closed: it takes no new co-stake",
        CommissionTooHigh = 6121 => "commission is above the protocol's maximum commission (see the co-staking parameters)",
        OwnerShareTooLow = 6122 => "the owner's own stake would fall below the offer's minimum owner share (or the offer asks less than the protocol floor)",
        CostakeCapExceeded = 6123 => "co-stake would exceed the most the offer accepts",
        WrongOffer = 6124 => "account is not the co-staking offer of this device",
        WrongCostakePosition = 6125 => "account is not the co-stake position of this staker and device",
        OfferAccountMissing = 6126 => "the device has a co-staking offer: pass its offer account",
        OfferExists = 6127 => "the device already has a co-staking offer: update or close it",
        CostakePoolWiped = 6128 => "a slash took the whole co-stake pool: it takes no new shares until its holders withdraw",
        OwnerCannotCostake = 6129 => "the device owner stakes on their device with stake_device, not costake",
        CostakeNotInitialized = 6130 => "co-staking parameters are not set up: the staking authority runs set_costake_params first",
        InvalidCostakeParams = 6131 => "invalid co-staking parameters: floor 500..=10000 bps, notice 1 to 30 days, maximum commission at most 5000 bps",
        NotEmissionProgram = 6132 => "signer is not the IO mint authority (the emission program): only it credits device rewards",
        OfferStillOpen = 6133 => "the offer is open: close it before withdrawing co-stake that is not cooling down",
        UnknownJobOutcome = 6134 => "job outcome must be 1 (completed), 2 (failed), 3 (expired) or 4 (fraud proven)",
        StakeReservedForJobs = 6080 => "amount exceeds the device's free stake (active stake minus the reserve for its claimed jobs): finish its jobs or stake more",
        ReleaseExceedsReserve = 6081 => "release is larger than the device's job reserve",
        NotJobsSlasher = 6082 => "signer is not the configured slasher (the jobs program's PDA): only it reserves and releases device stake",
        WrongEmissionProgram = 6083 => "emission program or state is not the one whose state PDA is the IO mint's mint authority: the slash burns through its burn ledger",
    }
}

impl ionet_sdk::token::WrongMint for StakingError {
    const WRONG_MINT: Self = Self::WrongMint;
}

impl ionet_sdk::token::WrongOwner for StakingError {
    const WRONG_OWNER: Self = Self::WrongOwner;
}
