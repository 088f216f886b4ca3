/*
 * Transaction events: a transaction's revocations are made before it
 * commits (an ERROR there aborts the commit), and an abort or a rolled back
 * savepoint revokes the tokens created in it. Go decides everything.
 */
#include "fdw.h"

#include "access/xact.h"

static void
warn_from_go(char *warning)
{
	char	   *message = take_go_string(warning);

	if (message)
		ereport(WARNING, (errmsg("%s", message)));
}

static void
xact_callback(XactEvent event, void *arg)
{
	GoFailure	failure = {0};

	switch (event)
	{
		case XACT_EVENT_PRE_COMMIT:
		case XACT_EVENT_PARALLEL_PRE_COMMIT:
			if (!goXactPreCommit(&failure))
				raise_go_failure(&failure);
			break;
		case XACT_EVENT_PRE_PREPARE:
			if (!goXactPrePrepare(&failure))
				raise_go_failure(&failure);
			break;
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
			warn_from_go(goXactAbort());
			break;
		default:
			break;
	}
}

static void
subxact_callback(SubXactEvent event, SubTransactionId mySubid, SubTransactionId parentSubid, void *arg)
{
	int			level = GetCurrentTransactionNestLevel();

	switch (event)
	{
		case SUBXACT_EVENT_START_SUB:
			warn_from_go(goSubXact(level, 0));
			break;
		case SUBXACT_EVENT_COMMIT_SUB:
			warn_from_go(goSubXact(level, 1));
			break;
		case SUBXACT_EVENT_ABORT_SUB:
			warn_from_go(goSubXact(level, 2));
			break;
		default:
			break;
	}
}

void
register_transaction_callbacks(void)
{
	RegisterXactCallback(xact_callback, NULL);
	RegisterSubXactCallback(subxact_callback, NULL);
}
