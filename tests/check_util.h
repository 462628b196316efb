/*
 * Shared scaffolding for the Check programs: every one ends with the same
 * main(), which runs its suite in the mode CK_RUN_SUITE/CK_FORK select and
 * speaks TAP under "make check" (CK_TAP_LOG_FILE_NAME=-).
 */
#ifndef KA_CHECK_UTIL_H
#define KA_CHECK_UTIL_H

#include <stdlib.h>

#include <check.h>

#define KA_CHECK_MAIN(suite_fn)						\
int									\
main(void)								\
{									\
	SRunner	*sr = srunner_create(suite_fn());			\
	int	 nfail;							\
									\
	srunner_run_all(sr, CK_ENV);					\
	nfail = srunner_ntests_failed(sr);				\
	srunner_free(sr);						\
	return nfail == 0 ? EXIT_SUCCESS : EXIT_FAILURE;		\
}

#endif
