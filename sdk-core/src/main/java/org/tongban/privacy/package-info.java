/**
 * How personal data is shown: masking rules shared by identities and licences, so that logs and
 * screens show the same partial forms everywhere.
 */
package org.tongban.privacy;
