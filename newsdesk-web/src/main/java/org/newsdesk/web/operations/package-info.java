/**
 * What every service shows the people who run it: health on the public port (where load balancers
 * and the launcher look) while metrics stay on the management port, and readiness as a meter.
 */
package org.newsdesk.web.operations;
