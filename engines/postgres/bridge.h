/*
 * What the Go half and the C half of steampipe_postgres_vercel share. The
 * c-archive's generated header includes this file, so the C half gets it
 * with the //export prototypes.
 */
#ifndef STEAMPIPE_POSTGRES_VERCEL_BRIDGE_H
#define STEAMPIPE_POSTGRES_VERCEL_BRIDGE_H

#include <stdint.h>
#include <stdlib.h>

/* What goScanNext found. */
enum GoScanStatus
{
	GO_SCAN_ROW = 0,			/* values hold the next row */
	GO_SCAN_END = 1,			/* no more rows */
	GO_SCAN_WAIT = 2,			/* nothing yet: wait on the scan's pipe */
	GO_SCAN_ERROR = 3			/* the scan failed: see the GoFailure */
};

/*
 * A foreign server as the Go half needs it, for the user a query runs as.
 * The strings are the C half's (palloc'd); Go copies them.
 */
typedef struct GoServer
{
	uint32_t	id;
	char	   *name;
	char	   *config;			/* the server's config option, or NULL */
	char	   *token;			/* the user mapping's api_token, or NULL */
	int			owner_is_superuser; /* whether a superuser owns the server */
} GoServer;

/*
 * A failure to raise as an ERROR. The strings are malloc'd by Go; the C half
 * copies them into palloc'd memory and frees them before raising.
 */
typedef struct GoFailure
{
	char	   *message;
	char	   *hint;
	char		sqlstate[6];
} GoFailure;

#endif
