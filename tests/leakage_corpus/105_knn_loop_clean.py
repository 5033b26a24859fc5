# expect: clean
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier

X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=66)
X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, random_state=0)
val_accuracy = []
for n in range(1, 11):
    knn = KNeighborsClassifier(n_neighbors=n)
    knn.fit(X_fit, y_fit)
    val_accuracy.append(knn.score(X_val, y_val))
best_n = val_accuracy.index(max(val_accuracy)) + 1
final = KNeighborsClassifier(n_neighbors=best_n).fit(X_train, y_train)
print(final.score(X_test, y_test))
