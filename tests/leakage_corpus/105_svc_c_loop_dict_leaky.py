# expect: TFL105
from sklearn.svm import SVC
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.datasets import load_digits
X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y)
scores = {}
for C in [0.01, 0.1, 1, 10]:
    clf = SVC(C=C).fit(X_train, y_train)
    scores[C] = accuracy_score(y_test, clf.predict(X_test))
best_C = max(scores, key=scores.get)
print(best_C, scores[best_C])
