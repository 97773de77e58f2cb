/**
 * One sign-on for a Jakarta Servlet web app: a filter that protects paths, handles the login
 * callback, local logout and the platform's back-channel logout. Needs
 * {@code jakarta.servlet-api} 6 on the class path (Tongban declares it optional).
 */
package org.tongban.identity.servlet;
